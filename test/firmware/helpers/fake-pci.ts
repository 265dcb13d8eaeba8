/**
 * A test PCI bus behind 0xCF8/0xCFC, built from a fixture's query-pci.json (device ids,
 * classes, BAR types and sizes, bridges) plus what QEMU's bridges carry (caps, 64-bit
 * prefetch). Write masks model BAR sizing. Read back as query-pci-like JSON.
 */
import { readFileSync } from 'node:fs';
import type { FakeWire } from './fake-wire.js';

export interface QRegion { bar: number; type: 'io' | 'memory'; address: number; size: number; prefetch?: boolean; mem_type_64?: boolean }
export interface QRange { base: number; limit: number }
export interface QDevice {
  bus: number; slot: number; function: number; irq_pin: number; irq?: number;
  id: { vendor: number; device: number; subsystem?: number; 'subsystem-vendor'?: number };
  class_info: { class: number };
  regions: QRegion[];
  pci_bridge?: { bus: { number: number; secondary: number; subordinate: number; io_range: QRange; memory_range: QRange; prefetchable_range: QRange }; devices?: QDevice[] };
}

class Fn {
  readonly cfg = new Uint8Array(256);
  readonly wmask = new Uint8Array(256);
  constructor(readonly q: QDevice) {}
  r32(o: number): number { return (this.cfg[o]! | (this.cfg[o + 1]! << 8) | (this.cfg[o + 2]! << 16) | (this.cfg[o + 3]! << 24)) >>> 0; }
  set(o: number, v: number, n: number, mask = 0): void {
    for (let i = 0; i < n; i++) { this.cfg[o + i] = (v >>> (8 * i)) & 0xff; this.wmask[o + i] = (mask >>> (8 * i)) & 0xff; }
  }
}

export function flatten(buses: { devices: QDevice[] }[]): QDevice[] {
  const out: QDevice[] = [];
  const walk = (ds: QDevice[]) => { for (const d of ds) { out.push(d); if (d.pci_bridge?.devices) walk(d.pci_bridge.devices); } };
  for (const b of buses) walk(b.devices);
  return out;
}

export class FakePci {
  private addr = 0;
  /** Keyed by fixture identity; the live bus number comes from bridge programming. */
  readonly fns: Fn[] = [];
  private readonly byPath = new Map<string, Fn>();

  /** `busRes`: the Red Hat reserve cap's bus_res per root-port slot (default all-ones). */
  constructor(wire: FakeWire, fixture: string, opts: { busRes?: Record<number, number> } = {}) {
    const all = flatten(JSON.parse(readFileSync(fixture, 'utf8')) as { devices: QDevice[] }[]);
    for (const q of all) {
      const f = new Fn(q);
      const bridge = q.class_info.class === 0x0604;
      f.set(0x00, q.id.vendor, 2);
      f.set(0x02, q.id.device, 2);
      f.set(0x04, 0, 2, 0x0547);
      f.set(0x0a, q.class_info.class, 2);
      const multi = q.function === 0 && all.some((o) => o !== q && o.bus === q.bus && o.slot === q.slot);
      f.set(0x0e, (bridge ? 1 : 0) | (multi ? 0x80 : 0), 1);
      if (!bridge) { f.set(0x2c, q.id['subsystem-vendor'] ?? 0, 2); f.set(0x2e, q.id.subsystem ?? 0, 2); }
      f.set(0x3c, 0, 1, 0xff);
      f.set(0x3d, q.irq_pin, 1);
      for (let o = 0x40; o < 0x100; o++) f.wmask[o] = 0xff;
      for (const r of q.regions) {
        const sz = r.size;
        if (r.bar === 6) { f.set(bridge ? 0x38 : 0x30, 0, 4, ((~(sz - 1) & 0xfffff800) | 1) >>> 0); continue; }
        const o = 0x10 + 4 * r.bar;
        if (r.type === 'io') { f.set(o, 1, 4, (~(sz - 1) & 0xfffffffc) >>> 0); continue; }
        const low = (r.prefetch ? 8 : 0) | (r.mem_type_64 ? 4 : 0);
        const m = BigInt.asUintN(64, ~(BigInt(sz) - 1n)) & 0xfffffffffffffff0n;
        f.set(o, low, 4, Number(m & 0xffffffffn));
        if (r.mem_type_64) f.set(o + 4, 0, 4, Number(m >> 32n));
      }
      if (bridge) {
        f.set(0x18, 0, 3, 0xffffff);
        f.set(0x1c, 0, 2, 0xf0f0);
        f.set(0x20, 0, 4, 0xfff0fff0);
        f.set(0x24, 0x00010001, 4, 0xfff0fff0);
        f.set(0x28, 0, 8, 0xffffffff);
        f.wmask.fill(0xff, 0x2c, 0x30);
        f.set(0x30, 0, 4, 0);
        f.set(0x3e, 0, 2, 0xffff);
        f.set(0x06, 0x10, 2);
        f.set(0x34, 0x80, 1);
        if (q.id.vendor === 0x1b36 && q.id.device === 0x000c) {
          // PCIe root port, slot implemented; Red Hat resource-reserve cap with every field all-ones.
          f.set(0x80, 0x10 | (0xc0 << 8) | ((0x4 << 4 | 0x100 | 2) << 16), 4);
          f.set(0xc0, 0x09 | (0 << 8) | (0x20 << 16) | (1 << 24), 4);
          for (let o = 0xc4; o < 0xe0; o += 4) f.set(o, 0xffffffff, 4);
          f.set(0x80 + 0x14, 0x40, 4); // slot capabilities: hot-plug capable
          const busRes = opts.busRes?.[q.slot];
          if (busRes !== undefined) f.set(0xc4, busRes, 4);
        } else {
          f.set(0x80, 0x0c, 4); // SHPC
        }
        for (let o = 0x80; o < 0xe0; o++) f.wmask[o] = 0;
      }
      this.fns.push(f);
    }
    wire.mapPorts(0xcf8, 4, {
      read: (_p, size) => (size === 4 ? this.addr : 0xff),
      write: (_p, size, v) => { if (size === 4) this.addr = v >>> 0; },
    });
    wire.mapPorts(0xcfc, 4, {
      read: (p, size) => this.cfgRead(p - 0xcfc, size),
      write: (p, size, v) => this.cfgWrite(p - 0xcfc, size, v),
    });
  }

  /** The live bus number of a fixture device: its parent bridge's secondary bus. */
  private busOf(q: QDevice): number {
    if (q.bus === 0) return 0;
    const parent = this.fns.find((f) => f.q.pci_bridge?.devices?.includes(q));
    return parent ? parent.cfg[0x19]! : -1;
  }

  find(bus: number, devfn: number): Fn | undefined {
    return this.fns.find((f) => f.q.slot === devfn >> 3 && f.q.function === (devfn & 7) && this.busOf(f.q) === bus
      && !(bus !== 0 && this.busOf(f.q) === 0));
  }

  private target(): Fn | undefined {
    if (!(this.addr & 0x80000000)) return undefined;
    return this.find((this.addr >> 16) & 0xff, (this.addr >> 8) & 0xff);
  }

  private cfgRead(off: number, size: number): number {
    const f = this.target();
    const reg = (this.addr & 0xfc) + off;
    if (!f) return size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + f.cfg[reg + i]!;
    return v >>> 0;
  }

  private cfgWrite(off: number, size: number, value: number): void {
    const f = this.target();
    if (!f) return;
    const reg = (this.addr & 0xfc) + off;
    for (let i = 0; i < size; i++) {
      const m = f.wmask[reg + i]!;
      f.cfg[reg + i] = (f.cfg[reg + i]! & ~m) | (((value >>> (8 * i)) & 0xff) & m);
    }
  }

  /** Dynamic state in the fixture's shape: what query-pci would show after POST. */
  snapshot(): unknown[] {
    return this.fns.map((f) => {
      const q = f.q;
      const regions = q.regions.map((r) => {
        let address: number;
        if (r.bar === 6) {
          const v = f.r32(q.class_info.class === 0x0604 ? 0x38 : 0x30);
          address = v & 1 ? (v & 0xfffff800) >>> 0 : -1;
        } else {
          const lo = f.r32(0x10 + 4 * r.bar);
          address = r.type === 'io' ? (lo & 0xfffffffc) >>> 0
            : ((lo & 0xfffffff0) >>> 0) + (r.mem_type_64 ? f.r32(0x14 + 4 * r.bar) * 2 ** 32 : 0);
        }
        return { bar: r.bar, address, size: r.size };
      });
      const out: Record<string, unknown> = { bus: this.busOf(q), slot: q.slot, function: q.function, regions };
      if (q.irq_pin) out['irq'] = f.cfg[0x3c];
      if (q.class_info.class === 0x0604) {
        const c = f.cfg;
        const w16 = (o: number) => c[o]! | (c[o + 1]! << 8);
        out['bus_numbers'] = [c[0x18], c[0x19], c[0x1a]];
        out['io_range'] = { base: (c[0x1c]! & 0xf0) << 8, limit: ((c[0x1d]! & 0xf0) << 8) | 0xfff };
        out['memory_range'] = { base: ((w16(0x20) & 0xfff0) << 16) >>> 0, limit: (((w16(0x22) & 0xfff0) << 16) | 0xfffff) >>> 0 };
        out['prefetchable_range'] = {
          base: (((w16(0x24) & 0xfff0) << 16) >>> 0) + f.r32(0x28) * 2 ** 32,
          limit: ((((w16(0x26) & 0xfff0) << 16) | 0xfffff) >>> 0) + f.r32(0x2c) * 2 ** 32,
        };
      }
      return out;
    });
  }

  /** The same shape taken from the fixture itself. */
  static expected(fixture: string): unknown[] {
    return flatten(JSON.parse(readFileSync(fixture, 'utf8')) as { devices: QDevice[] }[]).map((q) => {
      const out: Record<string, unknown> = {
        bus: q.bus, slot: q.slot, function: q.function,
        regions: q.regions.map((r) => ({ bar: r.bar, address: r.address, size: r.size })),
      };
      if (q.irq_pin) out['irq'] = q.irq;
      const b = q.pci_bridge?.bus;
      if (b) {
        out['bus_numbers'] = [b.number, b.secondary, b.subordinate];
        out['io_range'] = b.io_range;
        out['memory_range'] = b.memory_range;
        out['prefetchable_range'] = b.prefetchable_range;
      }
      return out;
    });
  }
}
