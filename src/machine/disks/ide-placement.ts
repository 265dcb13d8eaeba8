import type { MachineConfig } from '../options/machine-config.js';
import { ICH9_AHCI_PORTS } from '../devices/ahci/ahci-hba.js';
import { CDROM_INDEX, drivesOf } from './drives.js';
import type { DriveSpec } from './drives.js';
import { UsageError } from '../../lib/errors.js';

/** PIIX: two channels of two units. */
const PC_IDE_UNITS = 4;

/**
 * Each `-drive if=ide` with its unit: index N, or the next free one as QEMU assigns them; then, unless
 * -nodefaults or a drive already has index 2, QEMU's default empty CD-ROM at index 2 (vl.c default_drive).
 */
function placeDrives(drives: readonly DriveSpec[], units: number, defaults: boolean): Array<{ drive: DriveSpec; index: number }> {
  const used = new Set<number>();
  const placed = drives.map((d) => {
    let index = d.index;
    if (index === undefined) { index = 0; while (used.has(index)) index++; }
    if (used.has(index) || index >= units) throw new UsageError(`-drive ${d.file ?? 'media=cdrom'}: index ${index} is taken or out of range`);
    used.add(index);
    return { drive: d, index };
  });
  if (defaults && !used.has(CDROM_INDEX)) {
    placed.push({ drive: { file: undefined, interface: 'ide', index: CDROM_INDEX, cdrom: true, readOnly: true, snapshot: false }, index: CDROM_INDEX });
  }
  return placed;
}

/** The `-drive if=ide` drives at the indexes QEMU gives them (pc: IDE unit index; q35: AHCI port). */
export function placedIdeDrives(config: Pick<MachineConfig, 'argv' | 'board' | 'nodefaults'>): Array<{ drive: DriveSpec; index: number }> {
  const drives = drivesOf(config.argv).filter((d) => d.interface === 'ide');
  return placeDrives(drives, config.board !== 'pc' ? ICH9_AHCI_PORTS : PC_IDE_UNITS, !config.nodefaults);
}
