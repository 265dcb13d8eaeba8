/**
 * Which floppy drives a command line gives, as QEMU 7.2 places them: `-fda/-fdb` and `-drive
 * if=floppy[,index=N]` on units 0 and 1 (the next free unit without index), QEMU's default empty
 * drive A on pc without -nodefaults (vl.c default_drive: only when unit 0 is free), and whether
 * the board has the isa-fdc: pc always, q35 only when a floppy drive is given (its machine class
 * sets no_floppy; pc_superio_init creates the controller for any IF_FLOPPY drive). `-device
 * floppy,drive=ID[,unit=N]` puts an `if=none` drive on the board's controller (none on q35 without
 * a floppy drive or `-device isa-fdc`: QEMU finds no floppy-bus) and, like -device isa-fdc, drops the
 * default drive A (vl.c default_list).
 */
import { statSync } from 'node:fs';
import { UsageError } from '../../lib/errors.js';
import type { BoardName } from '../boards/ram-layout.js';
import { SECTOR } from '../devices/ata-channel.js';
import { FALLBACK_DRIVE_TYPE, pickFormat } from '../devices/fdc/fd-formats.js';
import type { FloppyDriveType } from '../devices/fdc/fd-formats.js';
import { drivesOf } from './drives.js';
import type { DriveSpec } from './drives.js';
import { deviceDrives, hasDeviceOf } from './drive-devices.js';
import type { MachineConfig } from '../options/machine-config.js';

/** QEMU's MAX_FD. */
export const FLOPPY_UNITS = 2;

export interface FloppyUnit {
  /** undefined: no drive; a spec without file: an empty drive. */
  readonly drive: DriveSpec | undefined;
  readonly type: FloppyDriveType;
}

export interface FloppyConfig {
  /** Whether there is a floppy controller at all (the board's or a `-device isa-fdc`). */
  readonly controller: boolean;
  /** The board's own isa-fdc: pc always, q35 with an if=floppy drive; the drives are on it when it exists. */
  readonly boardController: boolean;
  /** How many `-device isa-fdc` (QEMU warns when two controllers sit at 0x3f0). */
  readonly deviceControllers: number;
  readonly units: readonly [FloppyUnit, FloppyUnit];
}

function imageType(file: string): FloppyDriveType {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`-drive file=${file},if=floppy: Could not open '${file}': No such file or directory`);
  }
  return pickFormat(Math.floor(size / SECTOR)).drive;
}

export function floppyConfig(config: Pick<MachineConfig, 'argv' | 'board' | 'nodefaults' | 'devices'>): FloppyConfig {
  const { argv, board, nodefaults, devices } = config;
  const specs = drivesOf(argv).filter((d) => d.interface === 'floppy');
  const slots: Array<DriveSpec | undefined> = [undefined, undefined];
  for (const d of specs) {
    let index = d.index;
    if (index === undefined) index = slots.findIndex((s) => s === undefined);
    if (index < 0 || index >= FLOPPY_UNITS || slots[index]) {
      throw new UsageError(`-drive ${d.file ?? ''},if=floppy: index ${index} is taken or out of range (floppy units 0 and 1)`);
    }
    slots[index] = d;
  }
  const boardController = board === 'pc' || specs.length > 0;
  const deviceControllers = devices.filter((d) => d.driver === 'isa-fdc').length;
  const controller = boardController || deviceControllers > 0;
  for (const d of deviceDrives(devices, argv, 'floppy', 0)) {
    const opt = `-device floppy,drive=${d.drive.id}`;
    if (!controller) throw new UsageError(`${opt}: No 'floppy-bus' bus found for device 'floppy'`);
    const unit = d.unit ?? slots.findIndex((s) => s === undefined);
    if (unit < 0 || unit >= FLOPPY_UNITS) throw new UsageError(`${opt}: Can't create floppy unit ${unit}, bus supports only ${FLOPPY_UNITS} units`);
    if (slots[unit]) throw new UsageError(`${opt}: Floppy unit ${unit} is in use`);
    slots[unit] = { ...d.drive, interface: 'floppy', index: unit };
  }
  if (board === 'pc' && !nodefaults && !slots[0] && !hasDeviceOf(devices, ['floppy', 'isa-fdc'])) {
    slots[0] = { file: undefined, interface: 'floppy', index: 0, cdrom: false, readOnly: true, snapshot: false };
  }
  const unit = (d: DriveSpec | undefined): FloppyUnit => ({
    drive: d,
    type: d === undefined ? 'none' : d.file ? imageType(d.file) : FALLBACK_DRIVE_TYPE,
  });
  return { controller, boardController, deviceControllers, units: [unit(slots[0]), unit(slots[1])] };
}
