/** Placeholder, replaced by the OVMF-style installer. */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { LoaderResult } from '../loader/execute.js';
import type { LoaderHost } from '../loader/host.js';
import type { Zone } from '../memory/zone.js';

export function installOvmfTables(_wire: CpuWire, _r: LoaderResult, _h: LoaderHost, _z: Zone, log: (l: string) => void): number | undefined {
  log('OVMF: table installation not implemented');
  return undefined;
}
