/**
 * `-device ide-hd|ide-cd|floppy,drive=ID`: the drive is an `-drive if=none,id=ID` and the device says
 * where it goes (`bus=ide.N`, `unit=U`) and its `bootindex`, as QEMU 7.2's ide-hd/ide-cd/floppy
 * qdev devices. The messages are QEMU's (checked against qemu-system-x86_64 7.2).
 */
import { UsageError } from '../../lib/errors.js';
import type { DeviceInstance } from '../options/device-driver.js';
import type { SystemDeviceDriver } from '../options/device-driver.js';
import { drivesOf } from './drives.js';
import type { DriveSpec } from './drives.js';

/** A drive a `-device` attached, before placement. */
export interface DeviceDrive {
  readonly device: DeviceInstance;
  readonly drive: DriveSpec;
  /** ide.N / the floppy unit when given. */
  readonly bus: number | undefined;
  readonly unit: number | undefined;
  readonly bootindex: number | undefined;
}

const IDE_DRIVERS = ['ide-hd', 'ide-cd'];

const num = (d: DeviceInstance, k: string): number | undefined => (typeof d.props.get(k) === 'number' ? d.props.get(k) as number : undefined);

/** QEMU's bootindex: -1 (the default) is "no boot index". */
export function bootindexOf(d: DeviceInstance, prop = 'bootindex'): number | undefined {
  const v = d.props.get(prop);
  if (typeof v !== 'string') return undefined;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`-device ${d.driver}: Parameter '${prop}' expects int32`);
  const n = Number(v);
  if (n < -1) throw new UsageError(`-device ${d.driver}: Invalid bootindex ${n}`);
  return n === -1 ? undefined : n;
}

function busOf(d: DeviceInstance, buses: number): number | undefined {
  const bus = d.props.get('bus');
  if (typeof bus !== 'string') return undefined;
  const m = /^ide\.(\d+)$/.exec(bus);
  if (!m || Number(m[1]) >= buses) throw new UsageError(`-device ${d.driver}: Bus '${bus}' not found`);
  return Number(m[1]);
}

/**
 * The `-device` drives of `kind` in command-line order, each with its `if=none` drive (an ide-cd's is
 * a CD-ROM whatever its media=). `ideBuses`: how many ide.N buses the board has (pc 2, q35 6).
 */
export function deviceDrives(devices: readonly DeviceInstance[], argv: readonly string[], kind: 'ide' | 'floppy', ideBuses: number): DeviceDrive[] {
  const none = drivesOf(argv).filter((d) => d.interface === 'none');
  const used = new Set<string>();
  const out: DeviceDrive[] = [];
  for (const d of devices) {
    const ide = IDE_DRIVERS.includes(d.driver);
    if (!(kind === 'ide' ? ide : d.driver === 'floppy')) continue;
    const id = d.props.get('drive');
    if (typeof id !== 'string') {
      if (ide) throw new UsageError(`-device ${d.driver}: No drive specified`);
      continue; // an empty floppy drive
    }
    const drive = none.find((x) => x.id === id);
    if (!drive) throw new UsageError(`-device ${d.driver},drive=${id}: Property '${d.driver}.drive' can't find value '${id}'`);
    if (used.has(id)) throw new UsageError(`-device ${d.driver},drive=${id}: Drive '${id}' is already in use by another device`);
    used.add(id);
    const cd = d.driver === 'ide-cd';
    if (d.driver === 'ide-hd' && drive.file === undefined) throw new UsageError(`-device ide-hd,drive=${id}: Device needs media, but drive is empty`);
    out.push({
      device: d, drive: { ...drive, cdrom: cd, readOnly: cd || drive.readOnly },
      bus: ide ? busOf(d, ideBuses) : undefined, unit: num(d, 'unit'), bootindex: ide ? bootindexOf(d) : undefined,
    });
  }
  return out;
}

/** Whether a `-device` of QEMU's default_list turns off a default drive (vl.c): ide-hd/ide-cd the CD-ROM, floppy the drive A. */
export function hasDeviceOf(devices: readonly DeviceInstance[], names: readonly string[]): boolean {
  return devices.some((d) => names.includes(d.driver));
}

const IDE_PROPS = {
  drive: { kind: 'string', description: 'the -drive if=none,id=ID it shows the guest' },
  bus: { kind: 'string', description: 'ide.N (pc: the PIIX channels ide.0-1; q35: the AHCI ports ide.0-5)' },
  unit: { kind: 'uint', description: 'unit on the bus (pc: 0 master, 1 slave; q35: 0)' },
  bootindex: { kind: 'string', description: 'position in the fw_cfg bootorder file' },
} as const;

/** The drives are placed by the board's IDE/AHCI and floppy wiring (ide-placement.ts, floppy-drives.ts). */
const placedByBoard = (): void => undefined;

export const DRIVE_DEVICE_DRIVERS: readonly SystemDeviceDriver[] = [
  { name: 'ide-hd', description: 'IDE/SATA hard disk on the board\'s PIIX IDE (pc) or ICH9 AHCI (q35)', bus: 'system', props: IDE_PROPS, create: placedByBoard },
  { name: 'ide-cd', description: 'IDE/SATA CD-ROM on the board\'s PIIX IDE (pc) or ICH9 AHCI (q35)', bus: 'system', props: IDE_PROPS, create: placedByBoard },
  {
    name: 'floppy', description: 'floppy drive on the isa-fdc', bus: 'system', create: placedByBoard,
    props: { drive: IDE_PROPS.drive, unit: { kind: 'uint', description: 'drive unit (0 A:, 1 B:)' } },
  },
  {
    name: 'isa-fdc', description: 'the ISA floppy controller (q35: the board has none without a floppy drive; pc: a second one only warns)',
    bus: 'isa', create: placedByBoard,
    props: {
      bootindexA: { kind: 'string', description: 'drive A\'s position in the bootorder file' },
      bootindexB: { kind: 'string', description: 'drive B\'s position in the bootorder file' },
    },
  },
];
