import { E820_ENTRY_SIZE, E820_RAM, E820_RESERVED } from '../../spec/e820.js';
import type { E820Entry } from '../../spec/e820.js';
import { setLe32, setLe64 } from '../../lib/bytes.js';
import { AMD_HT_END, AMD_HT_START } from './layout.js';
import type { RamLayout } from './ram-layout.js';

/** QEMU's etc/e820 entries, in QEMU's order: the AMD HT hole first, then low and high RAM. */
export function qemuE820(layout: RamLayout): E820Entry[] {
  const entries: E820Entry[] = [];
  if (layout.reportAmdHtHole) entries.push({ address: AMD_HT_START, length: AMD_HT_END - AMD_HT_START, type: E820_RESERVED });
  entries.push({ address: 0, length: layout.below4g, type: E820_RAM });
  if (layout.above4g > 0) entries.push({ address: layout.above4gStart, length: layout.above4g, type: E820_RAM });
  return entries;
}

export function encodeE820(entries: readonly E820Entry[]): Uint8Array {
  const out = new Uint8Array(entries.length * E820_ENTRY_SIZE);
  entries.forEach((e, i) => {
    const off = i * E820_ENTRY_SIZE;
    setLe64(out, off, e.address);
    setLe64(out, off + 8, e.length);
    setLe32(out, off + 16, e.type);
  });
  return out;
}
