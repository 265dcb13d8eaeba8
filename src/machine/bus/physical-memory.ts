import type { AccessSize } from './io-handler.js';
import { allOnes, MappingError } from './io-handler.js';
import type { DirectView, MemoryTarget } from './memory-target.js';
import { logger } from '../../lib/log.js';
import { hex } from '../../lib/hex.js';

const log = logger('memory');

export interface MapOptions {
  /** Higher wins where mappings overlap (QEMU's subregion priority). Default 0. */
  readonly priority?: number;
  /** Guest-programmed mappings (BARs) may overlap others; board mappings may not. */
  readonly mayOverlap?: boolean;
}

export interface Mapping {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  readonly priority: number;
  readonly mayOverlap: boolean;
  readonly target: MemoryTarget;
}

/** One contiguous run of the flat view: [start, end) decodes to `mapping` at `start - mapping.base`. */
export interface FlatRange {
  readonly start: number;
  readonly end: number;
  readonly mapping: Mapping;
}

const ZERO_PIECE = new Uint8Array(0x10000);

/** Physical address width: the address space is [0, 2^52). */
export const PHYS_ADDR_LIMIT = 2 ** 52;

/**
 * The guest physical address space in the style of QEMU's memory API: mappings with
 * priorities, flattened into a sorted list of ranges whenever the layout changes.
 * Unmapped reads return all-ones; unmapped writes are dropped and traced.
 */
export class PhysicalMemory {
  private readonly maps: Mapping[] = [];
  private flat: FlatRange[] = [];
  private last: FlatRange | undefined;
  private readonly listeners: Array<() => void> = [];
  /** Bumped on every map/unmap (lets observers tell whether the layout moved since they looked). */
  version = 0;

  map(name: string, base: number, target: MemoryTarget, options: MapOptions = {}): Mapping {
    const size = target.size;
    if (!Number.isSafeInteger(base) || base < 0 || size <= 0 || base + size > PHYS_ADDR_LIMIT) {
      throw new MappingError(`${name}: bad range ${hex(base)}+${hex(size)}`);
    }
    const mapping: Mapping = {
      name, base, size, target, priority: options.priority ?? 0, mayOverlap: options.mayOverlap ?? false,
    };
    if (!mapping.mayOverlap) {
      const clash = this.maps.find((m) => !m.mayOverlap && m.priority === mapping.priority
        && m.base < base + size && base < m.base + m.size);
      if (clash) {
        throw new MappingError(`${name} ${hex(base)}+${hex(size)} overlaps ${clash.name} ${hex(clash.base)}+${hex(clash.size)}`);
      }
    }
    this.maps.push(mapping);
    this.reflatten(base, base + size, mapping);
    log('map %s %s+%s prio %d', name, hex(base), hex(size), mapping.priority);
    return mapping;
  }

  unmap(mapping: Mapping): void {
    const i = this.maps.indexOf(mapping);
    if (i < 0) throw new MappingError(`${mapping.name} is not mapped`);
    this.maps.splice(i, 1);
    this.reflatten(mapping.base, mapping.base + mapping.size);
    log('unmap %s %s+%s', mapping.name, hex(mapping.base), hex(mapping.size));
  }

  /** Called after every layout change (for overlap checks and reports). */
  /**
   * The executing x86 core's watch over bus writes (its translated blocks read code pages): called
   * with the address and length of every write that goes through this object. One watcher at a time.
   */
  writeWatch: ((addr: number, length: number) => void) | undefined;

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  mappings(): readonly Mapping[] {
    return this.maps;
  }

  flatView(): readonly FlatRange[] {
    return this.flat;
  }

  /** Which mapping decodes `addr`, if any. */
  resolve(addr: number): FlatRange | undefined {
    const last = this.last;
    if (last && addr >= last.start && addr < last.end) return last;
    const flat = this.flat;
    let lo = 0;
    let hi = flat.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = flat[mid]!;
      if (addr < r.start) hi = mid - 1;
      else if (addr >= r.end) lo = mid + 1;
      else {
        this.last = r;
        return r;
      }
    }
    return undefined;
  }

  /**
   * A live view of [addr, addr + length) when one memory-like mapping decodes all of it in one
   * buffer (RAM, ROM); undefined for MMIO, unmapped space or a range that straddles mappings.
   * Views stay valid until the layout changes (`onChange`) or a RAM block is cleared.
   */
  directView(addr: number, length: number): DirectView | undefined {
    const r = this.resolve(addr);
    if (!r || addr + length > r.end || !r.mapping.target.direct) return undefined;
    return r.mapping.target.direct(addr - r.mapping.base, length);
  }

  /**
   * Recompute the flat view over [lo, hi) only (the range a map/unmap touched), then put
   * the pieces in place of that stretch of the sorted list, merged with equal neighbours.
   * A new mapping only competes with each piece's current winner (it wins ties, being the
   * later-mapped); after an unmap the maps still covering the range decide again.
   */
  private reflatten(lo: number, hi: number, added?: Mapping): void {
    const flat = this.flat;
    // Ranges [first, after) intersect [lo, hi); the ones at the edges may stick out.
    const first = this.firstEndingAfter(lo);
    let after = first;
    while (after < flat.length && flat[after]!.start < hi) after++;
    const out: FlatRange[] = [];
    const push = (start: number, end: number, mapping: Mapping) => {
      const prev = out[out.length - 1];
      if (prev && prev.mapping === mapping && prev.end === start) out[out.length - 1] = { start: prev.start, end, mapping };
      else out.push({ start, end, mapping });
    };
    let from = first;
    if (first > 0 && flat[first - 1]!.end === lo) {
      const left = flat[--from]!;
      push(left.start, left.end, left.mapping);
    }
    const head = after > first ? flat[first] : undefined;
    if (head && head.start < lo) push(head.start, lo, head.mapping);
    if (added) {
      let pos = lo;
      for (let i = first; i < after; i++) {
        const r = flat[i]!;
        const start = Math.max(r.start, lo);
        const end = Math.min(r.end, hi);
        if (pos < start) push(pos, start, added);
        push(start, end, added.priority >= r.mapping.priority ? added : r.mapping);
        pos = end;
      }
      if (pos < hi) push(pos, hi, added);
    } else {
      const covering = this.maps.filter((m) => m.base < hi && lo < m.base + m.size);
      const points = new Set<number>([lo, hi]);
      for (const m of covering) {
        if (m.base > lo) points.add(m.base);
        if (m.base + m.size < hi) points.add(m.base + m.size);
      }
      const sorted = [...points].sort((a, b) => a - b);
      for (let i = 0; i + 1 < sorted.length; i++) {
        const start = sorted[i]!;
        const end = sorted[i + 1]!;
        let best: Mapping | undefined;
        for (const m of covering) {
          if (m.base <= start && m.base + m.size >= end && (!best || m.priority >= best.priority)) best = m;
        }
        if (best) push(start, end, best);
      }
    }
    const tail = after > first ? flat[after - 1] : undefined;
    if (tail && tail.end > hi) push(hi, tail.end, tail.mapping);
    if (after < flat.length && flat[after]!.start === hi) {
      const right = flat[after++]!;
      push(right.start, right.end, right.mapping);
    }
    flat.splice(from, after - from, ...out);
    this.last = undefined;
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Index of the first flat range whose end is after `addr`. */
  private firstEndingAfter(addr: number): number {
    const flat = this.flat;
    let lo = 0;
    let hi = flat.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flat[mid]!.end <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  read(addr: number, size: AccessSize): number {
    const r = this.resolve(addr);
    if (r && addr + size <= r.end) {
      if (size === 8) return this.read(addr, 4) + this.read(addr + 4, 4) * 2 ** 32;
      return r.mapping.target.read(addr - r.mapping.base, size);
    }
    if (!r && log.enabled) log('unmapped read %s/%d', hex(addr), size);
    // Straddles ranges, or unmapped: byte by byte (all-ones where nothing decodes).
    if (!r && size <= 4) {
      const next = this.flat.find((f) => f.start > addr);
      if (!next || next.start >= addr + size) return allOnes(size);
    }
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.readByte(addr + i);
    return v;
  }

  private readByte(addr: number): number {
    const r = this.resolve(addr);
    return r ? r.mapping.target.read(addr - r.mapping.base, 1) : 0xff;
  }

  write(addr: number, size: AccessSize, value: number): void {
    this.writeWatch?.(addr, size);
    const r = this.resolve(addr);
    if (r && addr + size <= r.end && size <= 4) {
      r.mapping.target.write(addr - r.mapping.base, size, value);
      return;
    }
    if (size === 8 && r && addr + size <= r.end) {
      r.mapping.target.write(addr - r.mapping.base, 4, value % 2 ** 32);
      r.mapping.target.write(addr + 4 - r.mapping.base, 4, Math.floor(value / 2 ** 32));
      return;
    }
    if (!r && log.enabled) log('unmapped write %s/%d = %s', hex(addr), size, hex(value));
    for (let i = 0; i < size; i++) {
      const b = this.resolve(addr + i);
      if (b) b.mapping.target.write(addr + i - b.mapping.base, 1, value & 0xff);
      value = Math.floor(value / 256);
    }
  }

  read64(addr: number): bigint {
    return BigInt(this.read(addr, 4)) | (BigInt(this.read(addr + 4, 4)) << 32n);
  }

  write64(addr: number, value: bigint): void {
    const v = BigInt.asUintN(64, value);
    this.write(addr, 4, Number(v & 0xffffffffn));
    this.write(addr + 4, 4, Number(v >> 32n));
  }

  readBytes(addr: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const pos = addr + done;
      const r = this.resolve(pos);
      if (!r) {
        const next = this.flat.find((f) => f.start > pos);
        const n = Math.min(length - done, (next ? next.start : Infinity) - pos);
        out.fill(0xff, done, done + n);
        done += n;
        continue;
      }
      const n = Math.min(length - done, r.end - pos);
      const t = r.mapping.target;
      if (t.readInto) t.readInto(pos - r.mapping.base, out, done, n);
      else for (let i = 0; i < n; i++) out[done + i] = t.read(pos - r.mapping.base + i, 1);
      done += n;
    }
    return out;
  }

  /**
   * Writes `length` zero bytes at `addr` (a DMA zero-fill): RAM drops whole chunks, other targets get
   * the zeros in pieces of at most ZERO_PIECE bytes, so no buffer of `length` bytes is ever made.
   */
  zeroFill(addr: number, length: number): void {
    this.writeWatch?.(addr, length);
    let done = 0;
    while (done < length) {
      const pos = addr + done;
      const r = this.resolve(pos);
      if (!r) {
        const next = this.flat.find((f) => f.start > pos);
        done += Math.min(length - done, (next ? next.start : Infinity) - pos);
        continue;
      }
      const n = Math.min(length - done, r.end - pos);
      const t = r.mapping.target;
      if (t.zeroFill) t.zeroFill(pos - r.mapping.base, n);
      else for (let o = 0; o < n; o += ZERO_PIECE.length) this.writeBytes(pos + o, ZERO_PIECE.subarray(0, Math.min(ZERO_PIECE.length, n - o)));
      done += n;
    }
  }

  writeBytes(addr: number, data: Uint8Array): void {
    this.writeWatch?.(addr, data.length);
    let done = 0;
    while (done < data.length) {
      const pos = addr + done;
      const r = this.resolve(pos);
      if (!r) {
        const next = this.flat.find((f) => f.start > pos);
        done += Math.min(data.length - done, (next ? next.start : Infinity) - pos);
        continue;
      }
      const n = Math.min(data.length - done, r.end - pos);
      const t = r.mapping.target;
      if (t.writeFrom) t.writeFrom(pos - r.mapping.base, data, done, n);
      else for (let i = 0; i < n; i++) t.write(pos - r.mapping.base + i, 1, data[done + i]!);
      done += n;
    }
  }
}
