import {
  CMOS_BASE_MEM_HI, CMOS_BASE_MEM_LO, CMOS_EXT_MEM_HI, CMOS_EXT_MEM_HI_COPY, CMOS_EXT_MEM_LO, CMOS_EXT_MEM_LO_COPY,
  CMOS_MEM_ABOVE_16M_HI, CMOS_MEM_ABOVE_16M_LO, CMOS_MEM_ABOVE_4G_0, CMOS_MEM_ABOVE_4G_1, CMOS_MEM_ABOVE_4G_2,
  CMOS_SMP_CPUS_MINUS_1, CMOS_EQUIPMENT, CMOS_BOOT_DEVICE, CMOS_BOOT_FLAG_FLOPPY_SIG, CMOS_FLOPPY_TYPES,
} from '../../spec/cmos.js';
import { KiB, MiB } from '../../lib/size.js';
import type { RamLayout } from './ram-layout.js';

/** The CMOS bytes QEMU 7.2's pc_cmos_init writes for memory and CPUs (qemu-host.md §5.4). */
export function cmosMemoryBytes(layout: RamLayout, cpus: number): Map<number, number> {
  const bytes = new Map<number, number>();
  const base = Math.min(layout.below4g, 640 * KiB) / KiB;
  bytes.set(CMOS_BASE_MEM_LO, base & 0xff);
  bytes.set(CMOS_BASE_MEM_HI, base >> 8);
  const ext = Math.min(Math.max(layout.below4g / KiB - 1024, 0), 65535);
  bytes.set(CMOS_EXT_MEM_LO, ext & 0xff);
  bytes.set(CMOS_EXT_MEM_HI, ext >> 8);
  bytes.set(CMOS_EXT_MEM_LO_COPY, ext & 0xff);
  bytes.set(CMOS_EXT_MEM_HI_COPY, ext >> 8);
  const above16 = Math.min(layout.below4g > 16 * MiB ? (layout.below4g - 16 * MiB) / (64 * KiB) : 0, 65535);
  bytes.set(CMOS_MEM_ABOVE_16M_LO, above16 & 0xff);
  bytes.set(CMOS_MEM_ABOVE_16M_HI, above16 >> 8);
  const above4g = Math.floor(layout.above4g / (64 * KiB));
  bytes.set(CMOS_MEM_ABOVE_4G_0, above4g & 0xff);
  bytes.set(CMOS_MEM_ABOVE_4G_1, (above4g >> 8) & 0xff);
  bytes.set(CMOS_MEM_ABOVE_4G_2, (above4g >> 16) & 0xff);
  bytes.set(CMOS_SMP_CPUS_MINUS_1, cpus > 255 ? 0 : cpus - 1);
  return bytes;
}

/**
 * Equipment and boot-order bytes (`boot`: cmosBootBytes of -boot's order, QEMU's default "cad": hard
 * disk, floppy, CD-ROM) and the floppy drive types (`floppyTypes`: the CMOS type of units 0 and 1, 0
 * for none), as pc_cmos_init_floppy: types in 10h, the drive count in the equipment byte.
 */
export function cmosMiscBytes(options: { floppyTypes: readonly [number, number]; ps2Mouse: boolean; boot: { cmos3d: number; cmos38: number } }): Map<number, number> {
  const bytes = new Map<number, number>();
  let equipment = 0x02; // FPU present
  if (options.ps2Mouse) equipment |= 0x04;
  const [a, b] = options.floppyTypes;
  const floppies = (a ? 1 : 0) + (b ? 1 : 0);
  if (floppies > 0) equipment |= 0x01 | ((floppies - 1) << 6);
  bytes.set(CMOS_FLOPPY_TYPES, (a << 4) | b);
  bytes.set(CMOS_EQUIPMENT, equipment);
  bytes.set(CMOS_BOOT_DEVICE, options.boot.cmos3d);
  bytes.set(CMOS_BOOT_FLAG_FLOPPY_SIG, options.boot.cmos38);
  return bytes;
}

/** CMOS hard-disk bytes (QEMU's pc_cmos_init_late): disk types, the two type-47 parameter blocks, translation. */
const CMOS_HD_TYPES = 0x12;
const CMOS_HD0_TYPE = 0x19;
const CMOS_HD0_PARAMS = 0x1b;
const CMOS_HD1_TYPE = 0x1a;
const CMOS_HD1_PARAMS = 0x24;
const CMOS_HD_TRANSLATION = 0x39;
const HD_TYPE_USER = 47;
/** Translation QEMU picks for a guessed geometry: none while it fits 1024/16/63, else LBA (CMOS 0x39: 0, 1). */
const TRANSLATION_NONE = 0;
const TRANSLATION_LBA = 1;

export interface CmosDisk {
  readonly cylinders: number;
  readonly heads: number;
  readonly spt: number;
}

/**
 * The CMOS bytes QEMU 7.2 writes for hard disks on the first two IDE buses: `disks[i]` is bus i/2
 * unit i%2 (pc: IDE index i; q35: AHCI port i/2, unit 0 only). Disks 0 and 1 get type 47 with a
 * parameter block; all four a 2-bit translation in 0x39.
 */
export function cmosDiskBytes(disks: ReadonlyArray<CmosDisk | undefined>): Map<number, number> {
  const bytes = new Map<number, number>();
  let types = 0;
  const block = (typeAt: number, at: number, g: CmosDisk): void => {
    bytes.set(typeAt, HD_TYPE_USER);
    const params = [g.cylinders & 0xff, g.cylinders >> 8, g.heads, 0xff, 0xff, 0xc0 | (g.heads > 8 ? 0x08 : 0), g.cylinders & 0xff, g.cylinders >> 8, g.spt];
    params.forEach((v, k) => bytes.set(at + k, v));
  };
  if (disks[0]) { block(CMOS_HD0_TYPE, CMOS_HD0_PARAMS, disks[0]); types |= 0xf0; }
  if (disks[1]) { block(CMOS_HD1_TYPE, CMOS_HD1_PARAMS, disks[1]); types |= 0x0f; }
  bytes.set(CMOS_HD_TYPES, types);
  let translation = 0;
  disks.slice(0, 4).forEach((g, i) => {
    if (g) translation |= (g.cylinders <= 1024 && g.heads <= 16 && g.spt <= 63 ? TRANSLATION_NONE : TRANSLATION_LBA) << (i * 2);
  });
  bytes.set(CMOS_HD_TRANSLATION, translation);
  return bytes;
}
