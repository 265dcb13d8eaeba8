/** The guest's view of PCI: functions, BARs sized through config cycles, bridge windows (PCI 3.0 §6.2.5, PCI-PCI bridge 1.2 §3.2.5). */
import {
  PCI_BASE_ADDRESS_0, PCI_COMMAND, PCI_COMMAND_IO, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, PCI_HEADER_TYPE, PCI_IO_BASE,
  PCI_IO_BASE_UPPER16, PCI_MEMORY_BASE, PCI_PREF_BASE_UPPER32, PCI_PREF_MEMORY_BASE, PCI_SECONDARY_BUS,
} from '../../spec/pci.js';
import type { PciConfig } from './pci-config.js';

export interface GuestBar {
  readonly index: number;
  readonly kind: 'io' | 'mem';
  readonly is64: boolean;
  readonly prefetch: boolean;
  readonly size: number;
  /** What the BAR holds now (0 = unassigned). */
  addr: number;
}

/** [start, end) */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface GuestBridge {
  readonly secondary: number;
  io: Range | undefined;
  mem: Range | undefined;
  pref: Range | undefined;
}

export interface GuestFunction {
  readonly bus: number;
  readonly devfn: number;
  readonly bdf: string;
  readonly vendor: number;
  readonly device: number;
  /** Base class and subclass (0x0500). */
  readonly classCode: number;
  readonly bars: GuestBar[];
  readonly bridge: GuestBridge | undefined;
}

const two = (n: number) => n.toString(16).padStart(2, '0');
export const bdfOf = (bus: number, devfn: number) => `${two(bus)}:${two(devfn >> 3)}.${devfn & 7}`;
const COMMAND_DECODE = PCI_COMMAND_IO | PCI_COMMAND_MEMORY;

/** Size the BARs the way OSes do: decoding off, write all-ones, read the mask back, restore. */
function sizeBars(cfg: PciConfig, bus: number, devfn: number, count: number): GuestBar[] {
  const cmd = cfg.read16(bus, devfn, PCI_COMMAND);
  if (cmd & COMMAND_DECODE) cfg.write16(bus, devfn, PCI_COMMAND, cmd & ~COMMAND_DECODE);
  const bars: GuestBar[] = [];
  for (let i = 0; i < count; i++) {
    const reg = PCI_BASE_ADDRESS_0 + 4 * i;
    const orig = cfg.read32(bus, devfn, reg);
    cfg.write32(bus, devfn, reg, 0xffffffff);
    const mask = cfg.read32(bus, devfn, reg);
    cfg.write32(bus, devfn, reg, orig);
    if (mask === 0 || mask === 0xffffffff && orig === 0xffffffff) continue;
    if (orig & 1) {
      const m = (mask & 0xfffc) | 0xffff0000;
      bars.push({ index: i, kind: 'io', is64: false, prefetch: false, size: (~m >>> 0) + 1, addr: orig & 0xfffc });
      continue;
    }
    const is64 = ((orig >> 1) & 3) === 2;
    let size = (~(mask & 0xfffffff0) >>> 0) + 1;
    let addr = (orig & 0xfffffff0) >>> 0;
    if (is64) {
      const hiReg = reg + 4;
      const hiOrig = cfg.read32(bus, devfn, hiReg);
      cfg.write32(bus, devfn, hiReg, 0xffffffff);
      const hiMask = cfg.read32(bus, devfn, hiReg);
      cfg.write32(bus, devfn, hiReg, hiOrig);
      const full = (BigInt(hiMask) << 32n) | BigInt((mask & 0xfffffff0) >>> 0);
      size = Number((~full & 0xffffffffffffffffn) + 1n);
      addr += hiOrig * 2 ** 32;
      i++;
    }
    if (size > 0) bars.push({ index: is64 ? i - 1 : i, kind: 'mem', is64, prefetch: (orig & 8) !== 0, size, addr });
  }
  if (cmd & COMMAND_DECODE) cfg.write16(bus, devfn, PCI_COMMAND, cmd);
  return bars;
}

function window(base: number, limit: number): Range | undefined {
  return limit >= base ? { start: base, end: limit + 1 } : undefined;
}

export function readBridgeWindows(cfg: PciConfig, bus: number, devfn: number): Omit<GuestBridge, 'secondary'> {
  const io = cfg.read16(bus, devfn, PCI_IO_BASE);
  const ioUpper = cfg.read32(bus, devfn, PCI_IO_BASE_UPPER16);
  const ioBase = ((io & 0xf0) << 8) | ((ioUpper & 0xffff) << 16);
  const ioLimit = ((io & 0xf000) | 0xfff) | ((ioUpper >>> 16) << 16);
  const mem = cfg.read32(bus, devfn, PCI_MEMORY_BASE);
  const pref = cfg.read32(bus, devfn, PCI_PREF_MEMORY_BASE);
  const prefBaseHi = cfg.read32(bus, devfn, PCI_PREF_BASE_UPPER32);
  const prefLimitHi = cfg.read32(bus, devfn, PCI_PREF_BASE_UPPER32 + 4);
  return {
    io: window(ioBase, ioLimit),
    mem: window((mem & 0xfff0) * 65536, ((mem >>> 16) & 0xfff0) * 65536 + 0xfffff),
    pref: window((pref & 0xfff0) * 65536 + prefBaseHi * 2 ** 32, (((pref >>> 16) & 0xfff0) * 65536 + 0xfffff) + prefLimitHi * 2 ** 32),
  };
}

/** One function as it is now (BARs sized). */
export function readFunction(cfg: PciConfig, bus: number, devfn: number): GuestFunction | undefined {
  const id = cfg.read32(bus, devfn, 0);
  if (id === 0xffffffff || (id & 0xffff) === 0xffff) return undefined;
  const header = cfg.read8(bus, devfn, PCI_HEADER_TYPE) & 0x7f;
  const bars = sizeBars(cfg, bus, devfn, header === 1 ? 2 : header === 0 ? 6 : 0);
  return {
    bus, devfn, bdf: bdfOf(bus, devfn), vendor: id & 0xffff, device: id >>> 16,
    classCode: cfg.read16(bus, devfn, 0x0a), bars,
    bridge: header === 1 ? { secondary: cfg.read8(bus, devfn, PCI_SECONDARY_BUS), ...readBridgeWindows(cfg, bus, devfn) } : undefined,
  };
}

/** Every function on `bus` and below, depth first. */
export function scanBus(cfg: PciConfig, bus: number, out: GuestFunction[] = [], depth = 0): GuestFunction[] {
  for (let dev = 0; dev < 32; dev++) {
    for (let fn = 0; fn < 8; fn++) {
      const devfn = (dev << 3) | fn;
      const f = readFunction(cfg, bus, devfn);
      if (!f) {
        if (fn === 0) break;
        continue;
      }
      out.push(f);
      if (f.bridge && f.bridge.secondary > bus && depth < 32) scanBus(cfg, f.bridge.secondary, out, depth + 1);
      if (fn === 0 && (cfg.read8(bus, devfn, PCI_HEADER_TYPE) & 0x80) === 0) break;
    }
  }
  return out;
}

export function writeBar(cfg: PciConfig, f: GuestFunction, bar: GuestBar, addr: number): void {
  const reg = PCI_BASE_ADDRESS_0 + 4 * bar.index;
  cfg.write32(f.bus, f.devfn, reg, addr % 2 ** 32);
  if (bar.is64) cfg.write32(f.bus, f.devfn, reg + 4, Math.floor(addr / 2 ** 32));
  bar.addr = addr;
}

/** Turn decoding (and bus mastering) on or off; `spaces` limits which decodes are turned on. */
export function setDecode(cfg: PciConfig, f: GuestFunction, on: boolean, spaces: { io: boolean; mem: boolean } = { io: true, mem: true }): void {
  const cmd = cfg.read16(f.bus, f.devfn, PCI_COMMAND);
  const enable = (spaces.io ? PCI_COMMAND_IO : 0) | (spaces.mem ? PCI_COMMAND_MEMORY : 0) | PCI_COMMAND_MASTER;
  const want = on ? cmd | enable : cmd & ~(COMMAND_DECODE | PCI_COMMAND_MASTER);
  if (want !== cmd) cfg.write16(f.bus, f.devfn, PCI_COMMAND, want);
}

export function decodes(cfg: PciConfig, f: GuestFunction): boolean {
  return (cfg.read16(f.bus, f.devfn, PCI_COMMAND) & COMMAND_DECODE) !== 0;
}

/** Program a bridge's memory window ([start, end), 1 MiB granular) or close it (undefined). */
export function writeMemWindow(cfg: PciConfig, f: GuestFunction, which: 'mem' | 'pref', r: Range | undefined): void {
  const reg = which === 'mem' ? PCI_MEMORY_BASE : PCI_PREF_MEMORY_BASE;
  const base = r ? r.start : 0xfff00000;
  const limit = r ? r.end - 1 : 0;
  cfg.write32(f.bus, f.devfn, reg, ((((base >>> 16) & 0xfff0)) | (((limit >>> 16) & 0xfff0) << 16)) >>> 0);
  if (which === 'pref') {
    cfg.write32(f.bus, f.devfn, PCI_PREF_BASE_UPPER32, r ? Math.floor(base / 2 ** 32) : 0);
    cfg.write32(f.bus, f.devfn, PCI_PREF_BASE_UPPER32 + 4, r ? Math.floor(limit / 2 ** 32) : 0);
  }
  f.bridge![which] = r;
}
