import type { CpuWire } from '../src/spec/cpu-wire.js';
import {
  CMOS_DATA_PORT, CMOS_INDEX_PORT, CMOS_MEM_ABOVE_16M_HI, CMOS_MEM_ABOVE_16M_LO, CMOS_MEM_ABOVE_4G_0,
  CMOS_MEM_ABOVE_4G_1, CMOS_MEM_ABOVE_4G_2, CMOS_EXT_MEM_HI_COPY, CMOS_EXT_MEM_LO_COPY,
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
