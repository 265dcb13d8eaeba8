/**
 * The fw_cfg `bootorder` file as QEMU 7.2 builds it (softmmu/bootdevice.c get_boot_devices_list): one
 * OpenFirmware device path per device that has a boot index, in boot-index order, separated by
 * newlines, NUL-terminated; with `-boot strict=on` and at least one path, a last line "HALT". No path:
 * an empty file. The paths are the ones qemu-system-x86_64 7.2 served (captures in
 * test/fixtures/qemu-7.2-machines/*bootindex*).
 */
import { UsageError } from '../../lib/errors.js';
import type { MachineConfig } from '../options/machine-config.js';
import { globalValue } from '../options/globals.js';
import { placedIdeDrives } from '../disks/ide-placement.js';
import { floppyConfig } from '../disks/floppy-drives.js';
import { bootindexOf } from '../disks/drive-devices.js';
import { genromsName } from './option-roms.js';

export interface BootPath {
  readonly bootindex: number;
  readonly path: string;
}

const PCI_ROOT = '/pci@i0cf8';
/** The PIIX3 IDE function 00:01.1 and the ICH9 AHCI function 00:1f.2 (named by vendor,device: QEMU's default for a PCI device without a class name). */
const PC_IDE = `${PCI_ROOT}/ide@1,1`;
const Q35_AHCI = `${PCI_ROOT}/pci8086,2922@1f,2`;
/** The isa-fdc at 0x3f0 behind the PIIX3 (00:01.0) or ICH9 LPC (00:1f.0) ISA bridge. */
const fdcPath = (board: MachineConfig['board']) => `${PCI_ROOT}/isa@${board === 'pc' ? '1' : '1f'}/fdc@03f0`;

/** Every device with a boot index: the -kernel option ROM (index 0), ide-hd/ide-cd `-device`s, isa-fdc's bootindexA/B. */
export function bootPaths(config: Pick<MachineConfig, 'argv' | 'board' | 'nodefaults' | 'devices' | 'globals'>, optionRom: string | undefined): BootPath[] {
  const out: BootPath[] = [];
  const add = (bootindex: number, path: string, who: string) => {
    if (out.some((p) => p.bootindex === bootindex)) throw new UsageError(`${who}: The bootindex ${bootindex} has already been used`);
    out.push({ bootindex, path });
  };
  if (optionRom) add(0, `/rom@${genromsName(optionRom)}`, '-kernel');
  for (const { drive, index, bootindex } of placedIdeDrives(config)) {
    if (bootindex === undefined) continue;
    const path = config.board === 'pc' ? `${PC_IDE}/drive@${index >> 1}/disk@${index & 1}` : `${Q35_AHCI}/drive@${index}/disk@0`;
    add(bootindex, path, `-device ${drive.cdrom ? 'ide-cd' : 'ide-hd'},drive=${drive.id ?? ''},bootindex=${bootindex}`);
  }
  if (floppyConfig(config).controller) {
    const fdc = config.devices.find((d) => d.driver === 'isa-fdc');
    (['bootindexA', 'bootindexB'] as const).forEach((prop, unit) => {
      const v = (fdc && bootindexOf(fdc, prop)) ?? globalValue(config.globals, config.board, prop);
      if (typeof v === 'number' && v >= 0) add(v, `${fdcPath(config.board)}/floppy@${unit}`, `-global isa-fdc.${prop}=${v}`);
    });
  }
  return out.sort((a, b) => a.bootindex - b.bootindex);
}

/** The file's bytes. */
export function bootorderFile(paths: readonly BootPath[], strict: boolean): Uint8Array {
  if (paths.length === 0) return new Uint8Array(0);
  const lines = paths.map((p) => p.path);
  if (strict) lines.push('HALT');
  return new TextEncoder().encode(`${lines.join('\n')}\0`);
}
