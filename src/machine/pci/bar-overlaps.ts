import type { PciFunction, PciRegion } from './pci-function.js';

/** One side of an overlap: a BAR (device, bar) or another region of the machine. */
export interface OverlapParty {
  /** "e1000 (net0) 00:03.0 BAR0", or a region name ("ram-below-4g", "serial"). */
  readonly name: string;
  readonly bdf?: string;
  readonly device?: string;
  readonly id?: string;
  readonly bar?: number;
  readonly base: number;
  readonly size: number;
}

/** Two regions decoding the same addresses: a misprogrammed machine, always reported. */
export interface PciOverlap {
  readonly space: 'io' | 'memory';
  readonly a: OverlapParty;
  readonly b: OverlapParty;
  /** The shared range [start, end). */
  readonly start: number;
  readonly end: number;
}

/** A visible part of a decoded BAR: [start, end) in its address space. */
export interface Piece {
  readonly fn: PciFunction;
  readonly region: PciRegion;
  readonly space: 'io' | 'memory';
  readonly start: number;
  readonly end: number;
}

/** A region of the machine that is not a BAR (RAM, ROM, a board device's ports). */
export interface OtherRegion {
  readonly space: 'io' | 'memory';
  readonly name: string;
  readonly base: number;
  readonly size: number;
}

/**
 * Pieces sorted by start. A query for [s, e) looks only at pieces starting in
 * [s - longest, e), so the common case (disjoint BARs) costs O(log n).
 */
class SpanIndex {
  private readonly items: Piece[] = [];
  private longest = 0;

  private lowerBound(start: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(p: Piece): void {
    this.items.splice(this.lowerBound(p.start), 0, p);
    this.longest = Math.max(this.longest, p.end - p.start);
  }

  remove(p: Piece): void {
    for (let i = this.lowerBound(p.start); i < this.items.length && this.items[i]!.start === p.start; i++) {
      if (this.items[i] === p) {
        this.items.splice(i, 1);
        return;
      }
    }
  }

  forEachIntersecting(start: number, end: number, visit: (p: Piece) => void): void {
    for (let i = this.lowerBound(start - this.longest); i < this.items.length && this.items[i]!.start < end; i++) {
      const p = this.items[i]!;
      if (p.end > start) visit(p);
    }
  }
}

function party(p: Piece): OverlapParty {
  return {
    name: `${p.fn.label} BAR${p.region.index}`, bdf: p.fn.bdf, device: p.fn.name,
    ...(p.fn.qdevId ? { id: p.fn.qdevId } : {}), bar: p.region.index, base: p.region.addr, size: p.region.size,
  };
}

export function overlapKey(o: PciOverlap): string {
  return `${o.space}|${o.a.name}|${o.b.name}`;
}

/**
 * The overlaps among the mapped BAR pieces and the machine's other regions, kept up to
 * date region by region: a change re-checks only the changed regions' pieces (against an
 * index of the others), so one config write costs O(log n) in the number of BARs.
 */
export class OverlapTracker {
  private readonly index = { io: new SpanIndex(), memory: new SpanIndex() };
  private readonly pieces = new Map<PciRegion, readonly Piece[]>();
  private readonly found = new Map<string, PciOverlap>();
  /** The pair keys each region takes part in. */
  private readonly byRegion = new Map<PciRegion, Set<string>>();
  private readonly pairRegions = new Map<string, PciRegion[]>();

  /** Current overlaps, in the order they were found. */
  list(): PciOverlap[] {
    return [...this.found.values()];
  }

  /** A region's visible pieces changed (empty: it no longer decodes). */
  setPieces(region: PciRegion, pieces: readonly Piece[]): void {
    for (const p of this.pieces.get(region) ?? []) this.index[p.space].remove(p);
    if (pieces.length) this.pieces.set(region, pieces);
    else this.pieces.delete(region);
    for (const p of pieces) this.index[p.space].add(p);
  }

  /**
   * Re-check the given regions (all when `others` changed since the last check, or when
   * `regions` is undefined). Returns the overlaps that appeared and cleared.
   */
  recheck(regions: Iterable<PciRegion> | undefined, others: readonly OtherRegion[]): { added: PciOverlap[]; cleared: PciOverlap[] } {
    const todo = regions === undefined ? [...this.pieces.keys(), ...this.byRegion.keys()] : [...regions];
    const before = new Map<string, PciOverlap>();
    for (const r of todo) {
      for (const key of this.byRegion.get(r) ?? []) {
        const o = this.found.get(key);
        if (o) before.set(key, o);
        this.dropPair(key);
      }
    }
    const touched = new Set<string>();
    const add = (space: 'io' | 'memory', a: OverlapParty, b: OverlapParty, start: number, end: number, regs: PciRegion[]) => {
      const [x, y] = a.name <= b.name ? [a, b] : [b, a];
      const key = `${space}|${x.name}|${y.name}`;
      const prev = this.found.get(key);
      if (prev && touched.has(key)) {
        this.found.set(key, { ...prev, start: Math.min(prev.start, start), end: Math.max(prev.end, end) });
        return;
      }
      if (prev) this.dropPair(key);
      touched.add(key);
      this.found.set(key, { space, a: x, b: y, start, end });
      this.pairRegions.set(key, regs);
      for (const r of regs) {
        let set = this.byRegion.get(r);
        if (!set) this.byRegion.set(r, set = new Set());
        set.add(key);
      }
    };
    // Regions are checked one after the other; a pair of two re-checked regions is found
    // from the first one (the second skips it), so every pair is collected exactly once.
    const done = new Set<PciRegion>();
    for (const r of todo) {
      if (done.has(r)) continue;
      for (const p of this.pieces.get(r) ?? []) {
        this.index[p.space].forEachIntersecting(p.start, p.end, (q) => {
          if (q.region === r || done.has(q.region)) return;
          add(p.space, party(p), party(q), Math.max(p.start, q.start), Math.min(p.end, q.end), [r, q.region]);
        });
        for (const o of others) {
          if (o.space !== p.space) continue;
          const start = Math.max(p.start, o.base);
          const end = Math.min(p.end, o.base + o.size);
          if (start < end) add(p.space, party(p), { name: o.name, base: o.base, size: o.size }, start, end, [r]);
        }
      }
      done.add(r);
    }
    const added: PciOverlap[] = [];
    for (const key of touched) if (!before.has(key)) added.push(this.found.get(key)!);
    const cleared: PciOverlap[] = [];
    for (const [key, o] of before) if (!this.found.has(key)) cleared.push(o);
    return { added, cleared };
  }

  private dropPair(key: string): void {
    this.found.delete(key);
    for (const r of this.pairRegions.get(key) ?? []) {
      const set = this.byRegion.get(r);
      set?.delete(key);
      if (set?.size === 0) this.byRegion.delete(r);
    }
    this.pairRegions.delete(key);
  }
}
