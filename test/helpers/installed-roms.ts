import { existsSync } from 'node:fs';

/**
 * The fw_cfg files QEMU 7.2 serves that fwlab can only serve when Debian installed the ROM image
 * (fwlab ships none; src/machine/roms/): kvmvapic.bin from qemu-system-data, vgabios-ramfb.bin
 * from seabios. When the image is installed the file must be there with QEMU's name, selector
 * and size; when it is not, a comparison with a capture leaves it out.
 */
const ROMS: readonly (readonly [string, string])[] = [
  ['genroms/kvmvapic.bin', '/usr/share/qemu/kvmvapic.bin'],
  ['vgaroms/vgabios-ramfb.bin', '/usr/share/seabios/vgabios-ramfb.bin'],
];

export const NOT_SERVED: ReadonlySet<string> = new Set(ROMS.filter(([, path]) => !existsSync(path)).map(([name]) => name));

/** ROM images the capture scripts leave out of a fw_cfg directory they record (Debian's files, not test data). */
export const NOT_RECORDED: ReadonlySet<string> = new Set(ROMS.map(([name]) => name));
