import type { Platform } from '../wiring/platform.js';
import type { Mapping } from '../bus/physical-memory.js';
import { PHYS_ADDR_LIMIT } from '../bus/physical-memory.js';
import type { PortRange } from '../bus/port-bus.js';
import { PORT_COUNT } from '../bus/port-bus.js';
import type { AccessSize, IoHandler } from '../bus/io-handler.js';
import type { MemoryTarget } from '../bus/memory-target.js';
import { walkFunctions } from './pci-bus.js';
import type { PciFunction, PciRegion } from './pci-function.js';
import { PCI_BAR_UNMAPPED } from './pci-function.js';
import { forwardedSpans, intersectSpans } from './bridge-windows.js';
import type { Span } from './bridge-windows.js';
import { hex } from '../../lib/hex.js';
import { OverlapTracker } from './bar-overlaps.js';
import { PCI_BRIDGE_CONTROL } from '../../spec/pci.js';
import type { OtherRegion, OverlapParty, PciOverlap, Piece } from './bar-overlaps.js';


/** Mapped BARs sit below RAM (QEMU's PCI address space is under system RAM). */
export const PCI_BAR_PRIORITY = -1;

export type { OverlapParty, PciOverlap } from './bar-overlaps.js';

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
 * What a bridge forwards, flattened: Bridge Control (a secondary bus reset resets what is behind
 * it), its I/O spans, a separator, its memory spans (bridge-windows.ts).
 */
function forwardingOf(bridge: PciFunction): number[] {
  const out: number[] = [bridge.config.get(PCI_BRIDGE_CONTROL, 2)];
  for (const sp of forwardedSpans(bridge, 'io')) out.push(sp.start, sp.end);
  out.push(-1);
  for (const sp of forwardedSpans(bridge, 'mem')) out.push(sp.start, sp.end);
  return out;
}

/**
 * Keeps the machine's address spaces in step with the PCI registers: decodes every BAR by
 * QEMU's rules, clips it to what the bridges above forward, maps the visible parts into
 * machine.memory / machine.ports, traces each change (`pci_update_mappings_add/del`) and
 * re-checks overlaps after every change.
 */
export class BarMapper {
  /** The mapped pieces of each decoding region, keyed "start/end/addr". */
  private readonly live = new Map<PciRegion, { fn: PciFunction; pieces: Map<string, { piece: Piece; handle: Mapping | PortRange }> }>();
  private readonly handles = new Set<Mapping | PortRange>();
  private readonly tracker = new OverlapTracker();
  private current: PciOverlap[] = [];
  private readonly listeners: Array<(overlaps: readonly PciOverlap[]) => void> = [];
  readonly events: string[] = [];
  eventCount = 0;
  private machineEvents = 0;
  /** The memory/port layout versions after the mapper's own last change (else someone else moved things). */
  private seenVersions = { memory: -1, io: -1 };
  private othersChanged = true;
  private others: OtherRegion[] = [];
  /** What each bridge forwarded when its subtree was last refreshed. */
  private readonly forwarding = new WeakMap<PciFunction, number[]>();

  constructor(private readonly p: Platform, private readonly all: () => PciFunction[]) {
    p.onPowerCycle(() => {
      this.events.length = 0;
      this.eventCount = 0;
      this.machineEvents = 0;
    });
  }

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

  /** A function is going away: trace the end of whatever it decodes (the next update unmaps it). */
  remove(fn: PciFunction): void {
    for (const r of fn.presentRegions) {
      if (r.addr !== PCI_BAR_UNMAPPED) this.event(`pci_update_mappings_del ${fn.bdf} ${r.index},${hex(r.addr)}+${hex(r.size)}`);
      r.addr = PCI_BAR_UNMAPPED;
    }
  }

  /** Re-decode every BAR of every function, remap what changed, re-check overlaps. */
  update(): void {
    this.refresh(this.all(), true);
  }

  /**
   * After a config write to `fn`: only its own BARs can move, or for a bridge (windows,
   * command, bridge control) everything behind it too (QEMU's pci_update_mappings /
   * pci_bridge_update_mappings). Cost: the function (subtree), not the machine.
   */
  updateFunction(fn: PciFunction): void {
    // A bridge write that left what it forwards as it was (a bus number, a window while decoding
    // is off, a BAR of its own) cannot move anything behind it.
    if (fn.secondary && !this.forwardingUnchanged(fn)) this.refresh(walkFunctions(fn.secondary, [fn]), false);
    else this.refresh([fn], false);
  }

  /** Whether a bridge forwards what it forwarded at its subtree's last refresh. */
  private forwardingUnchanged(bridge: PciFunction): boolean {
    const seen = this.forwarding.get(bridge);
    if (!seen) return false;
    const now = forwardingOf(bridge);
    if (now.length !== seen.length) return false;
    for (let i = 0; i < now.length; i++) if (now[i] !== seen[i]) return false;
    return true;
  }

  private refresh(fns: readonly PciFunction[], everything: boolean): void {
    for (const f of fns) {
      for (const r of f.regions) {
        if (r === undefined) continue;
        const addr = f.decode(r);
        if (addr === r.addr) continue;
        if (r.addr !== PCI_BAR_UNMAPPED) this.event(`pci_update_mappings_del ${f.bdf} ${r.index},${hex(r.addr)}+${hex(r.size)}`);
        r.addr = addr;
        if (addr !== PCI_BAR_UNMAPPED) this.event(`pci_update_mappings_add ${f.bdf} ${r.index},${hex(addr)}+${hex(r.size)}`);
      }
    }
    let changed: Set<PciRegion> | undefined;
    const visited = everything ? new Set<PciRegion>() : undefined;
    for (const f of fns) {
      // fns is one function that is not a bridge, one bridge whose forwarding did not change, or whole subtrees.
      if (f.secondary) this.forwarding.set(f, forwardingOf(f));
      for (const r of f.regions) {
        if (r === undefined) continue;
        visited?.add(r);
        // Not decoding and nothing mapped: no pieces wanted, none to drop (BAR sizing with decoding off).
        if (r.addr === PCI_BAR_UNMAPPED && !this.live.has(r)) continue;
        if (this.remap(f, r, this.wantedPieces(f, r))) (changed ??= new Set()).add(r);
      }
    }
    if (visited) {
      for (const [r, l] of this.live) if (!visited.has(r) && this.remap(l.fn, r, new Map())) (changed ??= new Set()).add(r);
    }
    if (changed) this.checkOverlaps(changed);
  }

  /** The parts of a decoded BAR that the bridges above it forward. */
  private wantedPieces(f: PciFunction, r: PciRegion): Map<string, Piece> {
    const want = new Map<string, Piece>();
    if (r.addr === PCI_BAR_UNMAPPED) return want;
    const space = r.kind === 'io' ? 'io' : 'memory';
    const limit = space === 'io' ? PORT_COUNT : PHYS_ADDR_LIMIT;
    let spans: Span[] = [{ start: r.addr, end: Math.min(r.addr + r.size, limit) }];
    for (let bus = f.bus; bus?.bridge && spans.length > 0; bus = bus.bridge.bus) {
      spans = mergeSpans(intersectSpans(spans, forwardedSpans(bus.bridge, r.kind === 'io' ? 'io' : 'mem')));
    }
    for (const s of spans) {
      if (s.start < s.end) want.set(`${s.start}/${s.end}/${r.addr}`, { fn: f, region: r, space, start: s.start, end: s.end });
    }
    return want;
  }

  /** Unmap the pieces no longer wanted, map the new ones; true if anything moved. */
  private remap(fn: PciFunction, r: PciRegion, want: Map<string, Piece>): boolean {
    const cur = this.live.get(r);
    let changed = false;
    if (cur) {
      for (const [key, { piece, handle }] of cur.pieces) {
        if (want.has(key)) continue;
        this.noteForeignChanges();
        if (piece.space === 'io') this.p.ports.unregister(handle as PortRange);
        else this.p.memory.unmap(handle as Mapping);
        this.noteOwnChange();
        this.handles.delete(handle);
        cur.pieces.delete(key);
        changed = true;
      }
    }
    for (const [key, piece] of want) {
      if (cur?.pieces.has(key)) continue;
      this.noteForeignChanges();
      const handle = this.mapPiece(piece);
      this.noteOwnChange();
      this.handles.add(handle);
      const l = this.live.get(r) ?? { fn, pieces: new Map() };
      this.live.set(r, l);
      l.pieces.set(key, { piece, handle });
      changed = true;
    }
    const now = this.live.get(r);
    if (now && now.pieces.size === 0) this.live.delete(r);
    if (changed) this.tracker.setPieces(r, now ? [...now.pieces.values()].map((x) => x.piece) : []);
    return changed;
  }

  private noteForeignChanges(): void {
    if (this.p.memory.version !== this.seenVersions.memory || this.p.ports.version !== this.seenVersions.io) this.othersChanged = true;
  }

  private noteOwnChange(): void {
    this.seenVersions = { memory: this.p.memory.version, io: this.p.ports.version };
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

  /** Re-check the changed regions (every region when a board region moved since the last check). */
  private checkOverlaps(changed: ReadonlySet<PciRegion>): void {
    this.noteForeignChanges();
    const all = this.othersChanged;
    if (all) {
      this.others = [
        ...this.p.memory.mappings().filter((m) => !this.handles.has(m))
          .map((m) => ({ space: 'memory' as const, name: m.name, base: m.base, size: m.size })),
        ...this.p.ports.list().filter((r) => !this.handles.has(r))
          .map((r) => ({ space: 'io' as const, name: r.name, base: r.base, size: r.length })),
      ];
      this.othersChanged = false;
    }
    const { added, cleared } = this.tracker.recheck(all ? undefined : changed, this.others);
    for (const o of added) this.report(`PCI overlap: ${describeOverlap(o)}`);
    for (const o of cleared) this.report(`PCI overlap cleared: ${describeOverlap(o)}`);
    this.current = this.tracker.list();
    if (added.length || cleared.length) for (const l of this.listeners) l(this.current);
  }

  private report(text: string): void {
    this.event(text);
    if (this.machineEvents < 100) this.p.event(text);
    else if (this.machineEvents === 100) this.p.event('PCI: further overlap events are only in the pci report section');
    this.machineEvents++;
  }
}

/** "memory 0xfe000000-0xfe01ffff: e1000 00:03.0 BAR0 [0x...+0x...] and ..." */
export function describeOverlap(o: PciOverlap): string {
  const p = (x: OverlapParty) => `${x.name} [${hex(x.base)}+${hex(x.size)}]`;
  return `${o.space} ${hex(o.start)}-${hex(o.end - 1)}: ${p(o.a)} and ${p(o.b)}`;
}
