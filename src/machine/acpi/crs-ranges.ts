/**
 * The range sets QEMU 7.2's DSDT builder keeps while it describes host bridges
 * (hw/i386/acpi-build.c: CrsRangeSet, crs_range_merge, crs_replace_with_free_ranges): what the
 * firmware programmed under each expander bridge, and what is left of PCI0's windows.
 */

/** An inclusive range [base, limit]. */
export interface CrsRange {
  readonly base: bigint;
  readonly limit: bigint;
}

/** I/O, 32-bit memory and 64-bit memory ranges. */
export interface CrsRangeSet {
  readonly io: CrsRange[];
  readonly mem: CrsRange[];
  readonly mem64: CrsRange[];
}

export function emptyRangeSet(): CrsRangeSet {
  return { io: [], mem: [], mem64: [] };
}

const byBase = (a: CrsRange, b: CrsRange) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0);

/** Sorted by base (stable), ranges that touch end to end joined; overlapping ones stay apart, as in QEMU. */
export function mergeRanges(ranges: readonly CrsRange[]): CrsRange[] {
  const sorted = [...ranges].sort(byBase);
  const out: CrsRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.base - 1n === last.limit) out[out.length - 1] = { base: last.base, limit: r.limit };
    else out.push(r);
  }
  return out;
}

/**
 * The gaps between the used ranges from `start` to `end`. Literal to QEMU: a used range outside
 * [start, end] is not clipped, and a last gap of a single byte at `end` is dropped (free_base < end).
 */
export function freeRanges(used: readonly CrsRange[], start: bigint, end: bigint): CrsRange[] {
  const out: CrsRange[] = [];
  let freeBase = start;
  for (const u of [...used].sort(byBase)) {
    if (freeBase < u.base) out.push({ base: freeBase, limit: u.base - 1n });
    freeBase = u.limit + 1n;
  }
  if (freeBase < end) out.push({ base: freeBase, limit: end });
  return out;
}

/** A memory range goes to the 32-bit list when it ends below 4 GiB and is shorter than 4 GiB. */
export function isMem32(r: CrsRange): boolean {
  return r.limit <= 0xffffffffn && r.limit - r.base + 1n <= 0xffffffffn;
}
