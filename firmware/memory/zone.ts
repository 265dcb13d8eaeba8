/**
 * A malloc zone like SeaBIOS's (src/malloc.c): a set of free ranges, allocation
 * top-down at ALIGN_DOWN(range_end - size, align), minimum alignment 16.
 */
export const MALLOC_MIN_ALIGN = 16;

interface FreeRange { start: number; end: number }

export class Zone {
  private free: FreeRange[] = [];
  private readonly used = new Map<number, number>();

  constructor(readonly name: string) {}

  addRange(start: number, end: number): void {
    if (end > start) this.free.push({ start, end });
  }

  /** Highest free address range (for the e820 bookkeeping). */
  ranges(): readonly { start: number; end: number }[] {
    return this.free;
  }

  alloc(size: number, align: number): number | undefined {
    const a = Math.max(align, MALLOC_MIN_ALIGN);
    for (let i = this.free.length - 1; i >= 0; i--) {
      const r = this.free[i]!;
      if (r.end - r.start < size) continue;
      const addr = Math.floor((r.end - size) / a) * a;
      if (addr < r.start) continue;
      const tail = { start: addr + size, end: r.end };
      r.end = addr;
      if (tail.end > tail.start) this.free.splice(i + 1, 0, tail);
      this.used.set(addr, size);
      return addr;
    }
    return undefined;
  }

  /** Forced placement (tests replaying another firmware's addresses). */
  allocAt(addr: number, size: number): boolean {
    for (let i = 0; i < this.free.length; i++) {
      const r = this.free[i]!;
      if (addr < r.start || addr + size > r.end) continue;
      const tail = { start: addr + size, end: r.end };
      r.end = addr;
      if (tail.end > tail.start) this.free.splice(i + 1, 0, tail);
      this.used.set(addr, size);
      return true;
    }
    return false;
  }

  freeBlock(addr: number): void {
    const size = this.used.get(addr);
    if (size === undefined) return;
    this.used.delete(addr);
    this.free.push({ start: addr, end: addr + size });
    this.free.sort((a, b) => a.start - b.start);
    const merged: FreeRange[] = [];
    for (const r of this.free) {
      const last = merged[merged.length - 1];
      if (last && last.end === r.start) last.end = r.end;
      else merged.push({ ...r });
    }
    this.free = merged;
  }

  /** Lowest address still in use, or undefined. */
  lowestUsed(): number | undefined {
    let low: number | undefined;
    for (const a of this.used.keys()) if (low === undefined || a < low) low = a;
    return low;
  }
}
