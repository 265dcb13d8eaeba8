/** `fwlab loader run`: the firmware's executor in a scratch machine, with a chosen policy. */
import { executeLoader } from '../../../firmware/loader/index.js';
import type { LoaderResult } from '../../../firmware/loader/index.js';
import { findRsdp } from '../../../firmware/loader/index.js';
import type { LoaderPolicy } from '../../../firmware/loader/index.js';
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { loaderFileOf } from './loader-files.js';
import { scratchHost } from './scratch-host.js';
import type { ScratchHost } from './scratch-host.js';

export interface LoaderRun {
  readonly result: LoaderResult;
  readonly host: ScratchHost;
  /** SeaBIOS-style RSDP scan of the F segment, when the script left one there. */
  readonly rsdp: number | undefined;
}

export function runScript(files: FwCfgFiles, where: string, policy: LoaderPolicy, opts: { highTop?: number; dma?: boolean } = {}): LoaderRun {
  const host = scratchHost(files, opts);
  const result = executeLoader(host, loaderFileOf(files, where).data, policy);
  const rsdp = result.ok ? findRsdp(host, 0xe0000, 0x100000) : undefined;
  return { result, host, rsdp };
}
