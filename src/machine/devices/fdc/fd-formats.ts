/**
 * QEMU 7.2's floppy media table (hw/block/fdc.c fd_formats) and how a drive of type "auto" picks the
 * geometry of an image from its size: the first entry of the same size, else the first entry of the
 * fallback drive type (2.88 MB).
 */
import { FDC_RATE } from '../../../spec/fdc.js';

export type FloppyDriveType = '144' | '288' | '120' | 'none';

export interface FdFormat {
  readonly drive: Exclude<FloppyDriveType, 'none'>;
  readonly lastSect: number;
  readonly maxTrack: number;
  /** Heads − 1. */
  readonly maxHead: number;
  readonly rate: number;
}

const f = (drive: FdFormat['drive'], lastSect: number, maxTrack: number, maxHead: number, rate: number): FdFormat =>
  ({ drive, lastSect, maxTrack, maxHead, rate });
const { k500, k300, k250, m1 } = FDC_RATE;

export const FD_FORMATS: readonly FdFormat[] = [
  // 1.44 MB 3.5"
  f('144', 18, 80, 1, k500), f('144', 20, 80, 1, k500), f('144', 21, 80, 1, k500), f('144', 21, 82, 1, k500),
  f('144', 21, 83, 1, k500), f('144', 22, 80, 1, k500), f('144', 23, 80, 1, k500), f('144', 24, 80, 1, k500),
  // 2.88 MB 3.5"
  f('288', 36, 80, 1, m1), f('288', 39, 80, 1, m1), f('288', 40, 80, 1, m1), f('288', 44, 80, 1, m1), f('288', 48, 80, 1, m1),
  // 720 kB 3.5"
  f('144', 9, 80, 1, k250), f('144', 10, 80, 1, k250), f('144', 10, 82, 1, k250), f('144', 10, 83, 1, k250),
  f('144', 13, 80, 1, k250), f('144', 14, 80, 1, k250),
  // 1.2 MB 5.25"
  f('120', 15, 80, 1, k500), f('120', 18, 80, 1, k500), f('120', 18, 82, 1, k500), f('120', 18, 83, 1, k500), f('120', 20, 80, 1, k500),
  // 720 kB 5.25"
  f('120', 9, 80, 1, k250), f('120', 11, 80, 1, k250),
  // 360 kB 5.25"
  f('120', 9, 40, 1, k300), f('120', 9, 40, 0, k300), f('120', 10, 41, 1, k300), f('120', 10, 42, 1, k300),
  // 320 kB 5.25"
  f('120', 8, 40, 1, k250), f('120', 8, 40, 0, k250),
  // 360 kB 3.5" (after the 5.25" ones, which win for that size)
  f('144', 9, 80, 0, k250),
];

/** The drive type QEMU's isa-fdc falls back to when an "auto" drive's medium does not tell (property `fallback`). */
export const FALLBACK_DRIVE_TYPE: FdFormat['drive'] = '288';

/**
 * pick_geometry: the first format with the image's sector count (of the drive's type once the drive
 * has one), else the first format of that type (an "auto" drive: the fallback type's).
 */
export function pickFormat(sectors: number, drive?: FdFormat['drive']): FdFormat {
  const exact = FD_FORMATS.find((x) => (drive === undefined || x.drive === drive) && (x.maxHead + 1) * x.maxTrack * x.lastSect === sectors);
  return exact ?? FD_FORMATS.find((x) => x.drive === (drive ?? FALLBACK_DRIVE_TYPE))!;
}

/** The CMOS 10h nibble (and ACPI _FDI device type) of a drive type. */
export function cmosDriveType(type: FloppyDriveType): number {
  return type === '144' ? 4 : type === '288' ? 5 : type === '120' ? 2 : 0;
}

/** The limits of a drive type over every format it takes (isa_fdc_get_drive_max_chs): max cylinder, head, sector. */
export function driveMaxChs(type: Exclude<FloppyDriveType, 'none'>): { maxc: number; maxh: number; maxs: number } {
  let maxc = 0;
  let maxh = 0;
  let maxs = 0;
  for (const x of FD_FORMATS) {
    if (x.drive !== type) continue;
    maxc = Math.max(maxc, x.maxTrack);
    maxh = Math.max(maxh, x.maxHead);
    maxs = Math.max(maxs, x.lastSect);
  }
  return { maxc: maxc - 1, maxh, maxs };
}
