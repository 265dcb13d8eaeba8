/**
 * SeaBIOS 1.16.2 resource placement as a pure function (seabios-ovmf.md §5.5–§5.7 and
 * "(b) step-by-step"): per-bus region lists sorted by alignment then size (ties FIFO),
 * bridge windows bottom-up, root IO from 0xC000/0x1000, 32-bit memory stacked down from
 * pcimem_end, the 64-bit fallback only when that does not fit.
 */
import type { PciDevice } from './probe.js';
import { busOf } from './config.js';
import type { PciInventory, RegionType } from './inventory.js';
import { IO, MEM, PREFMEM } from './inventory.js';
import { PCI_CLASS_BRIDGE_PCI, PCI_CLASS_SERIAL_USB } from './regs.js';

export const PCI_BRIDGE_IO_MIN = 0x1000;
export const PCI_BRIDGE_MEM_MIN = 0x200000;
const GiB = 2 ** 30;

export interface Platform {
  readonly pcimemStart: number;
  readonly pcimemEnd: number;
  readonly ioLowEnd: number;
  /** 4 GiB + RamSizeOver4G. */
  readonly ramTop64: number;
  readonly reservedMemoryEnd: number;
}

interface Entry {
  readonly dev: PciDevice;
  /** BAR index, or -1 for a bridge window. */
  readonly bar: number;
  readonly size: number;
  readonly align: number;
  readonly is64: boolean;
  readonly type: RegionType;
}

export interface BarPlacement {
  readonly dev: PciDevice;
  readonly bar: number;
  readonly addr: number;
  readonly size: number;
  readonly is64: boolean;
  readonly type: RegionType;
}

export interface WindowPlacement {
  readonly dev: PciDevice;
  readonly type: RegionType;
  readonly addr: number;
  readonly size: number;
}

export type PlacementResult =
  | {
    readonly ok: true;
    readonly bars: readonly BarPlacement[];
    readonly windows: readonly WindowPlacement[];
    readonly ioBase: number;
    readonly ioSum: number;
    readonly memBase: number;
    readonly prefBase: number;
    readonly mem64: { readonly start: number; readonly end: number } | undefined;
  }
  | { readonly ok: false; readonly panic: string };

const alignUp = (x: number, a: number): number => Math.ceil(x / a) * a;
const alignDown = (x: number, a: number): number => Math.floor(x / a) * a;
const listAlign = (l: readonly Entry[]): number => l[0]?.align ?? 1;
const listSum = (l: readonly Entry[]): number => l.reduce((s, e) => s + e.size, 0);

/** `pci_region_create_entry`: before the first entry with a smaller align, or equal align and smaller size. */
function insert(list: Entry[], e: Entry): void {
  const i = list.findIndex((x) => x.align < e.align || (x.align === e.align && x.size < e.size));
  if (i < 0) list.push(e);
  else list.splice(i, 0, e);
}

interface Bus {
  busDev: PciDevice | undefined;
  lists: [Entry[], Entry[], Entry[]];
  base: [number, number, number];
}

export function placeResources(inv: PciInventory, platform: Platform): PlacementResult {
  const busses: Bus[] = [];
  for (let i = 0; i <= inv.maxBus; i++) busses.push({ busDev: undefined, lists: [[], [], []], base: [0, 0, 0] });
  const barsOf = new Map<PciDevice, typeof inv.bars[number][]>();
  for (const b of inv.bars) {
    let l = barsOf.get(b.dev);
    if (!l) barsOf.set(b.dev, l = []);
    l.push(b);
  }
  for (const dev of inv.devices) {
    if (dev.classWord === PCI_CLASS_BRIDGE_PCI && busses[dev.secondary]) busses[dev.secondary]!.busDev = dev;
    const own = busses[busOf(dev.bdf)];
    const bus = own?.busDev ? own : busses[0]!;
    for (const b of barsOf.get(dev) ?? []) {
      insert(bus.lists[b.type], { dev, bar: b.bar, size: b.size, align: b.size, is64: b.is64, type: b.type });
    }
  }
  for (let s = inv.maxBus; s > 0; s--) {
    const child = busses[s]!;
    const bdev = child.busDev;
    if (!bdev) continue;
    const info = inv.bridges.get(bdev.bdf);
    if (!info) continue;
    const own = busses[busOf(bdev.bdf)];
    const parent = own?.busDev ? own : busses[0]!;
    for (const type of [IO, MEM, PREFMEM] as const) {
      if (!info.hasRegion[type]) continue;
      const list = child.lists[type];
      const min = type === IO ? PCI_BRIDGE_IO_MIN : PCI_BRIDGE_MEM_MIN;
      const align = Math.max(min, listAlign(list));
      let sum = listSum(list);
      const reserve = info.reserve[type] ?? 0;
      const optional = info.hotplug === 'pcie' && type === IO;
      if (sum === 0 && info.hotplug !== 'none' && !optional) sum = align;
      const size = reserve > sum ? (type === IO ? reserve : alignUp(reserve, align)) : alignUp(sum, align);
      const is64 = type === PREFMEM && info.pref64 && list.every((e) => e.is64);
      insert(parent.lists[type], { dev: bdev, bar: -1, size, align, is64, type });
    }
  }

  const root = busses[0]!;
  const ioSum = listSum(root.lists[IO]);
  let ioBase: number;
  if (ioSum < 0x4000) ioBase = 0xc000;
  else if (ioSum < platform.ioLowEnd - 0x1000) ioBase = 0x1000;
  else return { ok: false, panic: 'PCI: out of I/O address space' };
  root.base[IO] = ioBase;

  const fit = (): boolean => {
    const a = root.lists[MEM];
    const b = root.lists[PREFMEM];
    const [top, bottom, topType, bottomType] = listAlign(a) < listAlign(b) ? [a, b, MEM, PREFMEM] : [b, a, PREFMEM, MEM];
    const topBase = alignDown(platform.pcimemEnd - listSum(top), listAlign(top));
    const bottomBase = alignDown(topBase - listSum(bottom), listAlign(bottom));
    root.base[topType] = topBase;
    root.base[bottomType] = bottomBase;
    return bottomBase >= platform.pcimemStart && bottomBase <= platform.pcimemEnd;
  };
  const r64: [Entry[], Entry[]] = [[], []];
  let mem64: { start: number; end: number } | undefined;
  const r64Base: [number, number] = [0, 0];
  if (!fit()) {
    for (const [i, type] of [[0, MEM], [1, PREFMEM]] as const) {
      const keep: Entry[] = [];
      for (const e of root.lists[type]) {
        if (e.is64 && e.dev.classWord !== PCI_CLASS_SERIAL_USB) r64[i].push(e);
        else keep.push(e);
      }
      root.lists[type] = keep;
    }
    if (!fit()) return { ok: false, panic: 'PCI: out of 32bit address space' };
    let base = Math.max(platform.reservedMemoryEnd, platform.ramTop64);
    base = alignUp(alignUp(base, listAlign(r64[0])), GiB);
    const pbase = alignUp(alignUp(base + listSum(r64[0]), listAlign(r64[1])), GiB);
    r64Base[0] = base;
    r64Base[1] = pbase;
    mem64 = { start: base, end: alignUp(pbase + listSum(r64[1]), GiB) };
  }

  const bars: BarPlacement[] = [];
  const windows: WindowPlacement[] = [];
  const map = (list: readonly Entry[], start: number): void => {
    let cur = start;
    for (const e of list) {
      const addr = cur;
      cur += e.size;
      if (e.bar >= 0) bars.push({ dev: e.dev, bar: e.bar, addr, size: e.size, is64: e.is64, type: e.type });
      else {
        const child = busses[e.dev.secondary];
        if (child) child.base[e.type] = addr;
        windows.push({ dev: e.dev, type: e.type, addr, size: e.size });
      }
    }
  };
  if (mem64) {
    map(r64[0], r64Base[0]);
    map(r64[1], r64Base[1]);
  }
  for (const bus of busses) for (const type of [IO, MEM, PREFMEM] as const) map(bus.lists[type], bus.base[type]);
  return { ok: true, bars, windows, ioBase, ioSum, memBase: root.base[MEM], prefBase: root.base[PREFMEM], mem64 };
}
