import type { CpuWire } from '../src/spec/cpu-wire.js';
import {
  CMOS_DATA_PORT, CMOS_INDEX_PORT, CMOS_MEM_ABOVE_16M_HI, CMOS_MEM_ABOVE_16M_LO, CMOS_MEM_ABOVE_4G_0,
  CMOS_MEM_ABOVE_4G_1, CMOS_MEM_ABOVE_4G_2, CMOS_EXT_MEM_HI_COPY, CMOS_EXT_MEM_LO_COPY, CMOS_BOOT_DEVICE,
  CMOS_BOOT_FLAG_FLOPPY_SIG, CMOS_SMP_CPUS_MINUS_1,
} from '../src/spec/cmos.js';

function cmosRead(wire: CpuWire, index: number): number {
  wire.out8(CMOS_INDEX_PORT, index);
  return wire.in8(CMOS_DATA_PORT);
}

/** RAM size the way SeaBIOS computes it when there is no etc/e820 (qemu_preinit). */
export function cmosRamSize(wire: CpuWire): { below4g: number; above4g: number } {
  const above16 = cmosRead(wire, CMOS_MEM_ABOVE_16M_LO) | (cmosRead(wire, CMOS_MEM_ABOVE_16M_HI) << 8);
  const ext = cmosRead(wire, CMOS_EXT_MEM_LO_COPY) | (cmosRead(wire, CMOS_EXT_MEM_HI_COPY) << 8);
  const below4g = above16 > 0 ? above16 * 65536 + 16 * 1024 * 1024 : ext * 1024 + 1024 * 1024;
  const high = cmosRead(wire, CMOS_MEM_ABOVE_4G_0) | (cmosRead(wire, CMOS_MEM_ABOVE_4G_1) << 8)
    | (cmosRead(wire, CMOS_MEM_ABOVE_4G_2) << 16);
  return { below4g, above4g: high * 65536 };
}

/** A boot device class as QEMU writes it into CMOS: 1 floppy, 2 hard disk, 3 CD-ROM, 4 network (BEV). */
export type CmosBootDevice = 1 | 2 | 3 | 4;

/**
 * The boot order QEMU left in CMOS (0x3D low then high nibble, then 0x38's high nibble), as SeaBIOS's
 * boot_init reads it; zero nibbles end the list.
 */
export function cmosBootOrder(wire: CpuWire): CmosBootDevice[] {
  const order = cmosRead(wire, CMOS_BOOT_DEVICE) | ((cmosRead(wire, CMOS_BOOT_FLAG_FLOPPY_SIG) & 0xf0) << 4);
  const out: CmosBootDevice[] = [];
  for (let shift = 0; shift < 12; shift += 4) {
    const v = (order >> shift) & 0xf;
    if (v >= 1 && v <= 4 && !out.includes(v as CmosBootDevice)) out.push(v as CmosBootDevice);
  }
  return out;
}

const CMOS_FLOPPY_TYPES = 0x10;

/** The floppy drive types QEMU wrote into CMOS 10h (drive A high nibble, B low; 0 = none). */
export function cmosFloppyTypes(wire: CpuWire): [number, number] {
  const v = cmosRead(wire, CMOS_FLOPPY_TYPES);
  return [v >> 4, v & 0x0f];
}

/** CMOS 38h bit 0 clear: the floppy boot sector's 55AAh is checked (SeaBIOS's CheckFloppySig). */
export function cmosCheckFloppySignature(wire: CpuWire): boolean {
  return (cmosRead(wire, CMOS_BOOT_FLAG_FLOPPY_SIG) & 1) === 0;
}

/** The CPU count QEMU keeps in CMOS 5Fh (count less one). */
export function cmosSmpCount(wire: CpuWire): number {
  return cmosRead(wire, CMOS_SMP_CPUS_MINUS_1) + 1;
}
