import type { MachineConfig } from '../options/machine-config.js';
import { ICH9_AHCI_PORTS } from '../devices/ahci/ahci-hba.js';
import { CDROM_INDEX, drivesOf } from './drives.js';
import type { DriveSpec } from './drives.js';
import { deviceDrives, hasDeviceOf } from './drive-devices.js';
import type { DeviceDrive } from './drive-devices.js';
import { UsageError } from '../../lib/errors.js';

/** PIIX: two channels of two units. */
const PC_IDE_UNITS = 4;
const PC_IDE_BUSES = 2;

/** A drive at its index (pc: channel * 2 + unit; q35: the AHCI port), with its `-device` bootindex. */
export interface PlacedDrive {
  readonly drive: DriveSpec;
  readonly index: number;
  readonly bootindex?: number;
}

/**
 * Each `-drive if=ide` with its unit: index N, or the next free one as QEMU assigns them; then, unless
 * -nodefaults, an ide-hd/ide-cd `-device`, or a drive already at index 2, QEMU's default empty CD-ROM at
 * index 2 (vl.c default_drive).
 */
function placeDrives(drives: readonly DriveSpec[], units: number, defaults: boolean): PlacedDrive[] {
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

/**
 * An ide-hd/ide-cd `-device` on its bus after the `-drive` ones (QEMU realizes them later): without
 * bus= the last bus the controller created (ide.1 on pc, ide.5 on q35: qdev searches a device's child
 * buses newest first), without unit= the master unless it is taken (ide_dev_initfn).
 */
function placeDevice(d: DeviceDrive, q35: boolean, used: ReadonlySet<number>): number {
  const buses = q35 ? ICH9_AHCI_PORTS : PC_IDE_BUSES;
  const unitsPerBus = q35 ? 1 : 2;
  const bus = d.bus ?? buses - 1;
  const unit = d.unit ?? (used.has(bus * unitsPerBus) ? 1 : 0);
  const opt = `-device ${d.device.driver},drive=${d.drive.id}`;
  if (unit >= unitsPerBus) throw new UsageError(`${opt}: Can't create IDE unit ${unit}, bus supports only ${unitsPerBus} units`);
  const index = bus * unitsPerBus + unit;
  if (used.has(index)) throw new UsageError(`${opt}: IDE unit ${unit} is in use`);
  return index;
}

/** The `-drive if=ide` and `-device ide-hd|ide-cd` drives at the indexes QEMU gives them (pc: IDE unit index; q35: AHCI port). */
export function placedIdeDrives(config: Pick<MachineConfig, 'argv' | 'board' | 'nodefaults' | 'devices'>): PlacedDrive[] {
  const q35 = config.board !== 'pc';
  const drives = drivesOf(config.argv).filter((d) => d.interface === 'ide');
  const placed = placeDrives(drives, q35 ? ICH9_AHCI_PORTS : PC_IDE_UNITS, !config.nodefaults && !hasDeviceOf(config.devices, ['ide-hd', 'ide-cd']));
  const used = new Set(placed.map((p) => p.index));
  for (const d of deviceDrives(config.devices, config.argv, 'ide', q35 ? ICH9_AHCI_PORTS : PC_IDE_BUSES)) {
    const index = placeDevice(d, q35, used);
    used.add(index);
    placed.push({ drive: d.drive, index, ...(d.bootindex !== undefined ? { bootindex: d.bootindex } : {}) });
  }
  return placed;
}
