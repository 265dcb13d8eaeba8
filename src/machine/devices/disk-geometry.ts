/**
 * QEMU's geometry guess for a disk without a partition table to read one from (hw/block/hd-geometry.c,
 * guess_chs_for_size): 16 heads, 63 sectors per track, and the cylinders that fit, at least 2 and at
 * most 16383 — a one-cylinder image reports two, as the same image's int 13h AH=48h shows under SeaBIOS.
 */
export interface DiskGeometry {
  readonly cylinders: number;
  readonly heads: number;
  readonly spt: number;
  readonly sectors: number;
}

const HEADS = 16;
const SPT = 63;
const MIN_CYLINDERS = 2;
const MAX_CYLINDERS = 16383;

export function guessGeometry(sectors: number): DiskGeometry {
  const cylinders = Math.max(MIN_CYLINDERS, Math.min(MAX_CYLINDERS, Math.floor(sectors / (HEADS * SPT))));
  return { cylinders, heads: HEADS, spt: SPT, sectors };
}
