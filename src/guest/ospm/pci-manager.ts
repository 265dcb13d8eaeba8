/**
 * PCI resource management in the OSPM: reads BARs and bridge windows through config cycles,
 * collects what ACPI devices reserve in _CRS, assigns and enables hot-plugged functions
 * (Notify 1 on a slot), releases them and runs _EJ0 on an eject request (Notify 3), under a
 * guest-OS policy (pci-policy.ts). Every BAR or window change is a config write by the guest.
 */
import type { CpuWire } from '../../spec/cpu-wire.js';
import { AmlError } from '../aml/index.js';
import type { AmlInterpreter, NsNode } from '../aml/index.js';
import type { DeviceInfo } from './devices.js';
import type { GuestConsole } from './console.js';
import { PciConfig } from './pci-config.js';
import { decodes, readFunction, scanBus, setDecode, writeBar, writeMemWindow } from './pci-scan.js';
import type { GuestBar, GuestFunction, Range } from './pci-scan.js';
import { firstFit, hasDriver, largest, overlaps, subtract } from './pci-policy.js';
import type { GuestOs } from './pci-policy.js';

const HOST_BRIDGE_IDS = new Set(['PNP0A03', 'PNP0A08']);
const MiB = 0x100000;
const hex = (n: number) => '0x' + n.toString(16);
const span = (r: Range) => `${hex(r.start)}-${hex(r.end - 1)}`;

interface Reservation {
  readonly range: Range;
  readonly owner: string;
}

export class PciResourceManager {
  readonly cfg: PciConfig;
  functions: GuestFunction[] = [];
  readonly reservations: Reservation[] = [];
  private readonly hostBridges: Set<string>;
  private readonly rootMem: Range[] = [];
  private readonly rootIo: Range[] = [];
  /** Each bridge's memory windows as the firmware left them (its boot configuration). */
  private readonly bootWindows = new Map<string, Range[]>();
  /** Called after resources changed (drivers re-check what they map). */
  afterChange: () => void = () => {};

  constructor(wire: CpuWire, private readonly aml: AmlInterpreter, devices: readonly DeviceInfo[],
    readonly os: GuestOs, private readonly console: GuestConsole) {
    this.cfg = new PciConfig(wire);
    const isHost = (d: DeviceInfo) => (d.hid !== undefined && HOST_BRIDGE_IDS.has(d.hid)) || d.cids.some((c) => HOST_BRIDGE_IDS.has(c));
    this.hostBridges = new Set(devices.filter(isHost).map((d) => d.path));
    for (const d of devices) {
      for (const r of d.resources) {
        if (r.kind !== 'mem' && r.kind !== 'io') continue;
        const range = { start: Number(r.min), end: Number(r.max) + 1 };
        if (isHost(d)) (r.kind === 'mem' ? this.rootMem : this.rootIo).push(range);
        else if (r.kind === 'mem') this.reservations.push({ range, owner: d.path });
      }
    }
  }

  start(): void {
    this.functions = scanBus(this.cfg, 0);
    for (const f of this.functions) {
      if (f.bridge) this.bootWindows.set(f.bdf, [f.bridge.mem, f.bridge.pref].filter((w): w is Range => w !== undefined));
    }
    this.console.report('pci-scan', `functions=${this.functions.length}`, `os=${this.os}`, `reservations=${this.reservations.length}`);
    for (const r of this.reservations) this.console.report('pci-reserved', span(r.range), r.owner);
    this.reportHole();
  }

  /** What a snapshot keeps: the functions as the guest knows them and each bridge's boot windows (the rest follows from the devices). */
  saveState(): { functions: GuestFunction[]; bootWindows: Array<[string, Range[]]> } {
    return { functions: this.functions, bootWindows: [...this.bootWindows] };
  }

  restoreState(s: { functions: GuestFunction[]; bootWindows: Array<[string, Range[]]> }): void {
    this.functions = s.functions;
    this.bootWindows.clear();
    for (const [bdf, windows] of s.bootWindows) this.bootWindows.set(bdf, windows);
  }

  /**
   * The 32-bit PCI hole as a rebalancing OS sees it (thread claim C4): the host bridge's memory
   * window below 4 GiB minus the ranges _CRS pins; the largest piece is the biggest BAR or bridge
   * window that can still be placed there.
   */
  private reportHole(): void {
    const hole = this.rootMem.filter((r) => r.start >= MiB && r.end <= 2 ** 32).sort((a, b) => (b.end - b.start) - (a.end - a.start))[0];
    if (!hole) return;
    const free = subtract([hole], this.reservations.map((r) => r.range));
    const best = largest(free);
    this.console.report('pci-hole', span(hole), `pinned=${this.reservations.filter((r) => overlaps(r.range, hole)).length}`,
      `pieces=${free.length}`, `largest-free=${best ? `${hex(best.start)}+${hex(best.end - best.start)}` : 'none'}`);
  }

  /** Notify() on a device: 0/1 (bus/device check) rescans a slot, 3 (eject request) releases and ejects it. */
  notify(node: NsNode, value: number): boolean {
    const where = this.slotOf(node);
    if (!where) return false;
    if (value === 0 || value === 1) this.deviceCheck(where.bus, where.slot);
    else if (value === 3) this.ejectRequest(node, where.bus, where.slot);
    else return false;
    this.afterChange();
    return true;
  }

  private integer(node: NsNode, name: string): number | undefined {
    const n = node.child(name);
    if (!n) return undefined;
    try {
      const v = this.aml.evaluate(n);
      return typeof v === 'bigint' ? Number(v) : undefined;
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      return undefined;
    }
  }

  /** The PCI bus number a namespace device stands for (the host bridge: 0; a bridge: its secondary bus). */
  private busBehind(node: NsNode): number | undefined {
    if (this.hostBridges.has(node.path())) return 0;
    const parent = node.parent;
    const adr = this.integer(node, '_ADR');
    if (!parent || adr === undefined) return undefined;
    const up = this.busBehind(parent);
    if (up === undefined) return undefined;
    const devfn = ((adr >>> 16) << 3) | (adr & 7);
    return this.cfg.read8(up, devfn, 0x19);
  }

  private slotOf(node: NsNode): { bus: number; slot: number } | undefined {
    const adr = this.integer(node, '_ADR');
    if (adr === undefined || !node.parent) return undefined;
    const bus = this.busBehind(node.parent);
    return bus === undefined ? undefined : { bus, slot: adr >>> 16 };
  }

  private deviceCheck(bus: number, slot: number): void {
    for (let fn = 0; fn < 8; fn++) {
      const devfn = (slot << 3) | fn;
      if (this.functions.some((f) => f.bus === bus && f.devfn === devfn)) continue;
      const f = readFunction(this.cfg, bus, devfn);
      if (!f) {
        if (fn === 0) break;
        continue;
      }
      this.functions.push(f);
      this.console.report('pci-hotplug', f.bdf, `${hex4(f.vendor)}:${hex4(f.device)}`, `class=${hex4(f.classCode)}`, `driver=${hasDriver(f) ? 'yes' : 'no'}`);
      if (this.os === 'windows' && bus !== 0 && hasDriver(f)) this.rebalance(bus, f);
      else this.assign(f);
    }
  }

  /** The windows a bus decodes: the host bridge's _CRS for bus 0, the bridge's registers otherwise. */
  private windowsOf(bus: number, kind: 'io' | 'mem', prefetch: boolean): Range[] {
    if (bus === 0) return kind === 'io' ? this.rootIo : this.rootMem.filter((r) => r.start >= MiB);
    const b = this.bridgeTo(bus)?.bridge;
    if (!b) return [];
    if (kind === 'io') return b.io ? [b.io] : [];
    return [...(prefetch && b.pref ? [b.pref] : []), ...(b.mem ? [b.mem] : [])];
  }

  private bridgeTo(bus: number): GuestFunction | undefined {
    return this.functions.find((f) => f.bridge?.secondary === bus);
  }

  /** What a new BAR must avoid: decoding BARs (all, or with a driver under `windows`), bridge windows, reservations. */
  private busy(kind: 'io' | 'mem', except: GuestFunction): Range[] {
    const out: Range[] = [];
    for (const f of this.functions) {
      if (f === except) continue;
      const counted = this.os === 'linux' || hasDriver(f);
      if (counted && decodes(this.cfg, f)) for (const b of f.bars) if (b.kind === kind && b.addr !== 0) out.push({ start: b.addr, end: b.addr + b.size });
      if (f.bridge) {
        const ws = kind === 'io' ? [f.bridge.io] : [f.bridge.mem, f.bridge.pref];
        for (const w of ws) if (w && f.bridge.secondary !== except.bus) out.push(w);
      }
    }
    if (kind === 'mem') for (const r of this.reservations) out.push(r.range);
    return out;
  }

  /** Allocate every BAR of a new function around what is busy (never moving anything), then enable what got room. */
  private assign(f: GuestFunction): void {
    const failed = { io: false, mem: false };
    const mine: Array<{ kind: 'io' | 'mem'; range: Range }> = [];
    for (const bar of [...f.bars].sort((a, b) => b.size - a.size)) {
      const free = subtract(this.windowsOf(f.bus, bar.kind, bar.prefetch), [...this.busy(bar.kind, f), ...mine.filter((m) => m.kind === bar.kind).map((m) => m.range)]);
      const at = firstFit(free, bar.size, Math.max(bar.size, bar.kind === 'io' ? 4 : 16));
      if (at === undefined) {
        this.console.report('pci-alloc-failed', f.bdf, `BAR${bar.index}`, `${bar.kind} size=${hex(bar.size)}`, `no room on bus ${f.bus}`);
        failed[bar.kind] = true;
        continue;
      }
      writeBar(this.cfg, f, bar, at);
      mine.push({ kind: bar.kind, range: { start: at, end: at + bar.size } });
      this.console.report('pci-assign', f.bdf, `BAR${bar.index}`, `${hex(at)}+${hex(bar.size)}`);
    }
    const io = !failed.io && f.bars.some((b) => b.kind === 'io');
    const mem = !failed.mem && f.bars.some((b) => b.kind === 'mem');
    if (io || mem) setDecode(this.cfg, f, true, { io, mem });
  }

  /**
   * The `windows` model of rebalancing (thread claims C1–C3): stop every function with a driver on
   * the bridge's bus, lay the bridge's memory out again from its boot windows, bottom-up, for the
   * BARs of those functions only; a window holding a _CRS reservation stays where it is and
   * reserved ranges are avoided; driver-less BARs are neither moved nor accounted for.
   */
  private rebalance(bus: number, added: GuestFunction): void {
    const bridge = this.bridgeTo(bus);
    if (!bridge?.bridge) {
      this.assign(added);
      return;
    }
    const bw = bridge.bridge;
    const accounted = this.functions.filter((f) => f.bus === bus && hasDriver(f));
    const memBars: Array<{ f: GuestFunction; bar: GuestBar }> = accounted.flatMap((f) => f.bars.filter((b) => b.kind === 'mem').map((bar) => ({ f, bar })));
    const reserved = this.reservations.map((r) => r.range);
    const pinned = (w: Range | undefined) => w !== undefined && reserved.some((r) => overlaps(r, w));
    const keepPref = pinned(bw.pref);
    const keepMem = pinned(bw.mem);
    const need = Math.ceil(memBars.reduce((s, x) => s + x.bar.size, 0) / MiB) * MiB || MiB;
    const pool = this.bootWindows.get(bridge.bdf) ?? [bw.mem, bw.pref].filter((w): w is Range => w !== undefined);
    let mem = bw.mem;
    if (!keepMem) {
      const at = firstFit(subtract(pool, [...reserved, ...(keepPref && bw.pref ? [bw.pref] : [])]), need, MiB);
      if (at !== undefined) mem = { start: at, end: at + need };
    }
    for (const bar of added.bars.filter((b) => b.kind === 'io')) {
      const at = firstFit(subtract(this.windowsOf(bus, 'io', false), this.busy('io', added)), bar.size, Math.max(bar.size, 4));
      if (at !== undefined) writeBar(this.cfg, added, bar, at);
    }
    for (const f of accounted) if (f !== added) setDecode(this.cfg, f, false);
    if (mem !== bw.mem) writeMemWindow(this.cfg, bridge, 'mem', mem);
    if (!keepPref && bw.pref) writeMemWindow(this.cfg, bridge, 'pref', undefined);
    let free = subtract(mem ? [mem] : [], [...reserved, ...(keepPref && bw.pref ? [bw.pref] : [])]);
    let moved = 0;
    let failed = false;
    for (const { f, bar } of memBars.sort((a, b) => b.bar.size - a.bar.size)) {
      const at = firstFit(free, bar.size, Math.max(bar.size, 16));
      if (at === undefined) {
        this.console.report('pci-alloc-failed', f.bdf, `BAR${bar.index}`, `mem size=${hex(bar.size)}`, `no room on bus ${bus}`);
        failed = true;
        continue;
      }
      if (at !== bar.addr) {
        if (f !== added) moved++;
        writeBar(this.cfg, f, bar, at);
      }
      free = subtract(free, [{ start: at, end: at + bar.size }]);
    }
    this.console.report('pci-rebalance', `bus=${bus}`, `mem=${mem ? span(mem) : 'closed'}`, `pref=${keepPref && bw.pref ? span(bw.pref) : 'closed'}`,
      `moved=${moved}`, `accounted=${accounted.length}`);
    for (const f of accounted) if (!(failed && f === added)) setDecode(this.cfg, f, true);
    for (const b of added.bars.filter((x) => x.kind === 'mem')) this.console.report('pci-assign', added.bdf, `BAR${b.index}`, `${hex(b.addr)}+${hex(b.size)}`);
  }

  /** Eject request: stop and release the slot's functions, then run the slot's _EJ0 (which writes B0EJ). */
  private ejectRequest(node: NsNode, bus: number, slot: number): void {
    const gone = this.functions.filter((f) => f.bus === bus && f.devfn >> 3 === slot);
    for (const f of gone) setDecode(this.cfg, f, false);
    this.functions = this.functions.filter((f) => !gone.includes(f));
    const ej0 = node.child('_EJ0');
    if (!ej0) {
      this.console.report('pci-eject-failed', node.path(), 'no _EJ0');
      return;
    }
    try {
      this.aml.evaluate(ej0, [1n]);
      this.console.report('pci-eject', node.path(), ...gone.map((f) => f.bdf));
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      this.console.report('pci-eject-failed', node.path(), e.describe());
    }
  }
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
