import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FwCfgDevice } from './fw-cfg-device.js';
import { logger } from '../../lib/log.js';

const log = logger('fwcfg');

/** Where Debian's qemu-system-data installs the option ROMs QEMU adds itself (QEMU's data directory). */
export const QEMU_DATA_DIR = '/usr/share/qemu';
/** QEMU serves the option ROMs it adds as fw_cfg files under this directory; SeaBIOS runs them. */
const GENROMS = 'genroms/';

/** The fw_cfg file name an option ROM QEMU adds is served under. */
export function genromsName(rom: string): string {
  return GENROMS + rom;
}

/**
 * What QEMU 7.2's rom_add_option does for the ROM it adds with bootindex 0 (x86_load_linux):
 * the installed ROM image as `genroms/<rom>` (bootorder names it: bootorder.ts). The image is read
 * from the installed QEMU data at run time and never shipped; without it the caller that needs the
 * ROM names the gap.
 */
export function addBootOptionRom(fw: FwCfgDevice, rom: string, dataDir = QEMU_DATA_DIR): boolean {
  let image: Uint8Array;
  try {
    image = new Uint8Array(readFileSync(join(dataDir, rom)));
  } catch {
    log('option ROM %s not installed in %s', rom, dataDir);
    return false;
  }
  fw.addFile(genromsName(rom), image);
  return true;
}
