/**
 * The firmware's own e820 table (SeaBIOS src/e820map.c behaviour): adding a range
 * overrides whatever it overlaps, neighbours of the same type merge, entries stay sorted.
 */
import type { E820Entry } from '../../src/spec/e820.js';

/** Pseudo type: `add(..., E820_HOLE)` removes the range (SeaBIOS E820_HOLE). */
export const E820_HOLE = -1;

export class E820Map {
  private entries: E820Entry[] = [];

  add(address: number, length: number, type: number): void {
    if (length <= 0) return;
    const end = address + length;
    const out: E820Entry[] = [];
    for (const e of this.entries) {
      const eEnd = e.address + e.length;
      if (eEnd <= address || e.address >= end) { out.push(e); continue; }
      if (e.address < address) out.push({ address: e.address, length: address - e.address, type: e.type });
      if (eEnd > end) out.push({ address: end, length: eEnd - end, type: e.type });
    }
    if (type !== E820_HOLE) out.push({ address, length, type });
    out.sort((a, b) => a.address - b.address);
    const merged: E820Entry[] = [];
    for (const e of out) {
      const last = merged[merged.length - 1];
      if (last && last.type === e.type && last.address + last.length === e.address) {
        merged[merged.length - 1] = { address: last.address, length: last.length + e.length, type: e.type };
      } else merged.push(e);
    }
    this.entries = merged;
  }

  list(): readonly E820Entry[] {
    return this.entries;
  }
}
