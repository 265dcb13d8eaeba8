/**
 * How each guest OS model assigns PCI resources (issue 13; seed-story.md §3). A model, not a
 * claim about the real OSes: `windows` follows the 2016 thread's observations (C1–C3), `linux`
 * follows Linux's x86 behaviour (keep firmware assignments, allocate around everything).
 */
import type { GuestFunction, Range } from './pci-scan.js';

export type GuestOs = 'linux' | 'windows';
export const GUEST_OSES: readonly GuestOs[] = ['linux', 'windows'];

/** PCI base class/subclass 05/00: memory controller, RAM. */
const CLASS_MEMORY_RAM = 0x0500;
/** v19's vmgenid id (1b36:0009). */
const V19_VMGENID = { vendor: 0x1b36, device: 0x0009 };

/**
 * Which functions get a function driver in the `windows` model: every one but class 0x0500
 * (machine.inf's NO_DRV install for memory controllers, per the thread; this covers ivshmem
 * 1af4:1110 and v19's vmgenid-pci) and 1b36:0009 whatever its class. `linux` binds or not,
 * it never matters: it moves nothing.
 */
export function hasDriver(f: Pick<GuestFunction, 'vendor' | 'device' | 'classCode'>): boolean {
  if (f.classCode === CLASS_MEMORY_RAM) return false;
  return !(f.vendor === V19_VMGENID.vendor && f.device === V19_VMGENID.device);
}

/** `ranges` minus `busy`, sorted. */
export function subtract(ranges: readonly Range[], busy: readonly Range[]): Range[] {
  let out = [...ranges].sort((a, b) => a.start - b.start);
  for (const b of busy) {
    const next: Range[] = [];
    for (const r of out) {
      if (b.end <= r.start || b.start >= r.end) {
        next.push(r);
        continue;
      }
      if (b.start > r.start) next.push({ start: r.start, end: b.start });
      if (b.end < r.end) next.push({ start: b.end, end: r.end });
    }
    out = next;
  }
  return out;
}

/** The lowest `align`-aligned start of `size` bytes inside one of `free`. */
export function firstFit(free: readonly Range[], size: number, align: number): number | undefined {
  for (const r of free) {
    const start = Math.ceil(r.start / align) * align;
    if (start + size <= r.end) return start;
  }
  return undefined;
}

export const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

/** The largest single free range. */
export function largest(free: readonly Range[]): Range | undefined {
  let best: Range | undefined;
  for (const r of free) if (!best || r.end - r.start > best.end - best.start) best = r;
  return best;
}
