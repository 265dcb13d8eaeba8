import type { Platform } from '../wiring/platform.js';
import type { Mapping } from '../bus/physical-memory.js';
import { PHYS_ADDR_LIMIT } from '../bus/physical-memory.js';
import type { PortRange } from '../bus/port-bus.js';
import { PORT_COUNT } from '../bus/port-bus.js';
import type { AccessSize, IoHandler } from '../bus/io-handler.js';
import type { MemoryTarget } from '../bus/memory-target.js';
import type { PciBus } from './pci-bus.js';
import { walkFunctions } from './pci-bus.js';
import type { PciFunction, PciRegion } from './pci-function.js';
import { PCI_BAR_UNMAPPED } from './pci-function.js';
import { forwardedSpans, intersectSpans } from './bridge-windows.js';
import type { Span } from './bridge-windows.js';
import { hex } from '../../lib/hex.js';


/** Mapped BARs sit below RAM (QEMU's PCI address space is under system RAM). */
export const PCI_BAR_PRIORITY = -1;

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

interface Piece {
  readonly fn: PciFunction;
  readonly region: PciRegion;
  readonly space: 'io' | 'memory';
  readonly start: number;
  readonly end: number;
}

const ZERO_REGISTERS: IoHandler = { read: () => 0, write: () => {} };

/** A window into a BAR's target starting `delta` bytes into the BAR. */
class BarSliceTarget implements MemoryTarget {
  readonly kind;
  constructor(private readonly target: MemoryTarget, private readonly delta: number, readonly size: number) {
    this.kind = target.kind;
  }
  read(offset: number, size: AccessSize): number {
    return this.target.read(offset + this.delta, size);
  }
  write(offset: number, size: AccessSize, value: number): void {
    this.target.write(offset + this.delta, size, value);
  }
  readInto(offset: number, out: Uint8Array, outOffset: number, length: number): void {
    if (this.target.readInto) this.target.readInto(offset + this.delta, out, outOffset, length);
    else for (let i = 0; i < length; i++) out[outOffset + i] = this.target.read(offset + this.delta + i, 1);
  }
  writeFrom(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    if (this.target.writeFrom) this.target.writeFrom(offset + this.delta, data, dataOffset, length);
    else for (let i = 0; i < length; i++) this.target.write(offset + this.delta + i, 1, data[dataOffset + i]!);
  }
}

class RegisterTarget implements MemoryTarget {
  readonly kind = 'mmio';
  constructor(private readonly handler: IoHandler, readonly size: number) {}
  read(offset: number, size: AccessSize): number {
    return this.handler.read(offset, size);
  }
  write(offset: number, size: AccessSize, value: number): void {
    this.handler.write(offset, size, value);
  }
}

function mergeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push(s);
  }
  return out;
}

const MAX_EVENTS = 500;

/**
 * Keeps the machine's address spaces in step with the PCI registers: decodes every BAR by
 * QEMU's rules, clips it to what the bridges above forward, maps the visible parts into
 * machine.memory / machine.ports, traces each change (`pci_update_mappings_add/del`) and
 * re-checks overlaps after every change.
 */
export class BarMapper {
  private readonly live = new Map<string, { piece: Piece; handle: Mapping | PortRange }>();
  private readonly handles = new Set<Mapping | PortRange>();
  private readonly ids = new WeakMap<PciFunction, number>();
  private nextId = 1;
  private current: PciOverlap[] = [];
  private readonly listeners: Array<(overlaps: readonly PciOverlap[]) => void> = [];
  readonly events: string[] = [];
  eventCount = 0;
  private machineEvents = 0;

  constructor(private readonly p: Platform, private readonly root: () => PciBus) {}

  /** Mappings the mapper owns (so overlap checks and reports can tell BARs from board regions). */
  owns(handle: Mapping | PortRange): boolean {
    return this.handles.has(handle);
  }

  onOverlapChange(listener: (overlaps: readonly PciOverlap[]) => void): void {
    this.listeners.push(listener);
  }

  overlaps(): readonly PciOverlap[] {
    return this.current;
  }

  private event(text: string): void {
    this.eventCount++;
    this.events.push(text);
    if (this.events.length > MAX_EVENTS) this.events.shift();
    // fwlab:pci and the report's trace (opt/fwlab/trace pci).
    this.p.trace.emit('pci', text);
  }

  private uid(fn: PciFunction): number {
    let id = this.ids.get(fn);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(fn, id);
    }
    return id;
  }

  /** A function is going away: trace the end of whatever it decodes (the next update unmaps it). */
  remove(fn: PciFunction): void {
    for (const r of fn.presentRegions) {
      if (r.addr !== PCI_BAR_UNMAPPED) this.event(`pci_update_mappings_del ${fn.bdf} ${r.index},${hex(r.addr)}+${hex(r.size)}`);
      r.addr = PCI_BAR_UNMAPPED;
    }
  }

  /** Re-decode every BAR below the root, remap what changed, re-check overlaps. */
  update(): void {
    const fns = walkFunctions(this.root());
    for (const f of fns) {
      for (const r of f.presentRegions) {
        const addr = f.decode(r);
        if (addr === r.addr) continue;
        if (r.addr !== PCI_BAR_UNMAPPED) this.event(`pci_update_mappings_del ${f.bdf} ${r.index},${hex(r.addr)}+${hex(r.size)}`);
        r.addr = addr;
        if (addr !== PCI_BAR_UNMAPPED) this.event(`pci_update_mappings_add ${f.bdf} ${r.index},${hex(addr)}+${hex(r.size)}`);
      }
    }
    const want = new Map<string, Piece>();
    for (const f of fns) {
      for (const r of f.presentRegions) {
        if (r.addr === PCI_BAR_UNMAPPED) continue;
        const space = r.kind === 'io' ? 'io' : 'memory';
        const limit = space === 'io' ? PORT_COUNT : PHYS_ADDR_LIMIT;
        let spans: Span[] = [{ start: r.addr, end: Math.min(r.addr + r.size, limit) }];
        for (let bus = f.bus; bus?.bridge && spans.length > 0; bus = bus.bridge.bus) {
          spans = mergeSpans(intersectSpans(spans, forwardedSpans(bus.bridge, r.kind === 'io' ? 'io' : 'mem')));
        }
        for (const s of spans) {
          if (s.start >= s.end) continue;
          want.set(`${this.uid(f)}/${r.index}/${s.start}/${s.end}/${r.addr}`, { fn: f, region: r, space, start: s.start, end: s.end });
        }
      }
    }
    let changed = false;
    for (const [key, { piece, handle }] of this.live) {
      if (want.has(key)) continue;
      if (piece.space === 'io') this.p.ports.unregister(handle as PortRange);
      else this.p.memory.unmap(handle as Mapping);
      this.handles.delete(handle);
      this.live.delete(key);
      changed = true;
    }
    for (const [key, piece] of want) {
      if (this.live.has(key)) continue;
      const handle = this.mapPiece(piece);
      this.handles.add(handle);
      this.live.set(key, { piece, handle });
      changed = true;
    }
    if (changed) this.checkOverlaps();
  }

  private mapPiece(p: Piece): Mapping | PortRange {
    const r = p.region;
    const name = `pci ${p.fn.bdf} ${p.fn.name} BAR${r.index}`;
    const delta = p.start - r.addr;
    if (p.space === 'io') {
      const h = r.io ?? ZERO_REGISTERS;
      const slice: IoHandler = {
        read: (o, s) => h.read(o + delta, s),
        write: (o, s, v) => h.write(o + delta, s, v),
        ...(h.sizes !== undefined ? { sizes: h.sizes } : {}),
      };
      return this.p.ports.register(name, p.start, p.end - p.start, slice, true);
    }
    const target = r.memory ?? new RegisterTarget(r.io ?? ZERO_REGISTERS, r.size);
    return this.p.memory.map(name, p.start, new BarSliceTarget(target, delta, p.end - p.start), {
      priority: PCI_BAR_PRIORITY, mayOverlap: true,
    });
  }

  private party(p: Piece): OverlapParty {
    return {
      name: `${p.fn.label} BAR${p.region.index}`, bdf: p.fn.bdf, device: p.fn.name,
      ...(p.fn.qdevId ? { id: p.fn.qdevId } : {}), bar: p.region.index, base: p.region.addr, size: p.region.size,
    };
  }

  private checkOverlaps(): void {
    const pieces = [...this.live.values()].map((l) => l.piece);
    const found = new Map<string, PciOverlap>();
    const add = (space: 'io' | 'memory', a: OverlapParty, b: OverlapParty, start: number, end: number) => {
      const [x, y] = a.name <= b.name ? [a, b] : [b, a];
      const key = `${space}|${x.name}|${y.name}`;
      const prev = found.get(key);
      if (prev) found.set(key, { ...prev, start: Math.min(prev.start, start), end: Math.max(prev.end, end) });
      else found.set(key, { space, a: x, b: y, start, end });
    };
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      for (let j = i + 1; j < pieces.length; j++) {
        const q = pieces[j]!;
        if (p.space !== q.space || (p.fn === q.fn && p.region === q.region)) continue;
        const start = Math.max(p.start, q.start);
        const end = Math.min(p.end, q.end);
        if (start < end) add(p.space, this.party(p), this.party(q), start, end);
      }
    }
    const others: Array<{ space: 'io' | 'memory'; name: string; base: number; size: number }> = [
      ...this.p.memory.mappings().filter((m) => !this.handles.has(m))
        .map((m) => ({ space: 'memory' as const, name: m.name, base: m.base, size: m.size })),
      ...this.p.ports.list().filter((r) => !this.handles.has(r))
        .map((r) => ({ space: 'io' as const, name: r.name, base: r.base, size: r.length })),
    ];
    for (const p of pieces) {
      for (const o of others) {
        if (o.space !== p.space) continue;
        const start = Math.max(p.start, o.base);
        const end = Math.min(p.end, o.base + o.size);
        if (start < end) add(p.space, this.party(p), { name: o.name, base: o.base, size: o.size }, start, end);
      }
    }
    const before = new Set(this.current.map(overlapKey));
    const after = [...found.values()];
    const now = new Set(after.map(overlapKey));
    let changed = false;
    for (const o of after) {
      if (before.has(overlapKey(o))) continue;
      changed = true;
      this.report(`PCI overlap: ${describeOverlap(o)}`);
    }
    for (const o of this.current) {
      if (now.has(overlapKey(o))) continue;
      changed = true;
      this.report(`PCI overlap cleared: ${describeOverlap(o)}`);
    }
    this.current = after;
    if (changed) for (const l of this.listeners) l(after);
  }

  private report(text: string): void {
    this.event(text);
    if (this.machineEvents < 100) this.p.event(text);
    else if (this.machineEvents === 100) this.p.event('PCI: further overlap events are only in the pci report section');
    this.machineEvents++;
  }
}

function overlapKey(o: PciOverlap): string {
  return `${o.space}|${o.a.name}|${o.b.name}`;
}

/** "memory 0xfe000000-0xfe01ffff: e1000 00:03.0 BAR0 [0x...+0x...] and ..." */
export function describeOverlap(o: PciOverlap): string {
  const p = (x: OverlapParty) => `${x.name} [${hex(x.base)}+${hex(x.size)}]`;
  return `${o.space} ${hex(o.start)}-${hex(o.end - 1)}: ${p(o.a)} and ${p(o.b)}`;
}
