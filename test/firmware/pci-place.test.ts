/** placeResources as a pure function: the SeaBIOS 1.16.2 rules on synthetic inventories. */
import test from 'ava';
import { placeResources } from '../../firmware/pci/place.js';
import type { Platform } from '../../firmware/pci/place.js';
import type { PciDevice } from '../../firmware/pci/probe.js';
import type { BarInfo, BridgeInfo, PciInventory, RegionType } from '../../firmware/pci/inventory.js';
import { IO, MEM, PREFMEM } from '../../firmware/pci/inventory.js';

const PC: Platform = { pcimemStart: 0x80000000, pcimemEnd: 0xfec00000, ioLowEnd: 0xa000, ramTop64: 2 ** 32, reservedMemoryEnd: 0 };
const GiB = 2 ** 30;

function dev(bus: number, slot: number, classWord = 0x0200, secondary = 0, parent?: PciDevice): PciDevice {
  return { bdf: (bus << 8) | (slot << 3), vendor: 0x8086, device: 0x1000 + slot, classWord, headerType: classWord === 0x0604 ? 1 : 0, secondary, parent };
}
const bar = (d: PciDevice, i: number, size: number, type: RegionType, is64 = false): BarInfo => ({ dev: d, bar: i, size, rawSize: size, type, is64, reservedType: false });
function inv(devices: PciDevice[], bars: BarInfo[], bridges: BridgeInfo[] = [], maxBus = 0): PciInventory {
  return { devices, bars, maxBus, bridges: new Map(bridges.map((b) => [b.dev.bdf, b])) };
}

test('region lists: alignment, then size, ties in discovery order; MEM on top when its alignment is smaller', (t) => {
  const a = dev(0, 2); const b = dev(0, 3); const c = dev(0, 4);
  const r = placeResources(inv([a, b, c], [
    bar(a, 0, 0x1000, MEM), bar(b, 0, 0x4000, MEM), bar(c, 0, 0x1000, MEM), bar(a, 2, 0x1000000, PREFMEM),
    bar(b, 1, 0x40, IO), bar(c, 1, 0x100, IO),
  ]), PC);
  if (!r.ok) return t.fail(r.panic);
  const at = (d: PciDevice, i: number) => r.bars.find((x) => x.dev === d && x.bar === i)!.addr;
  // MEM: 0x6000 bytes, align 0x4000: ALIGN_DOWN(0xfec00000 - 0x6000, 0x4000).
  t.is(r.memBase, 0xfebf8000);
  t.is(at(b, 0), r.memBase);
  t.is(at(a, 0), r.memBase + 0x4000);
  t.is(at(c, 0), r.memBase + 0x5000, 'equal align and size: discovery order');
  t.is(at(a, 2), 0xfd000000, 'PREFMEM below MEM, aligned down');
  t.is(at(c, 1), 0xc000);
  t.is(at(b, 1), 0xc100);
});

test('IO from 0x1000 when 0xC000 is too small; out of IO space is a panic', (t) => {
  const d = dev(0, 2);
  const r = placeResources(inv([d], [bar(d, 0, 0x4000, IO)]), PC);
  t.true(r.ok && r.ioBase === 0x1000);
  const big = placeResources(inv([d], [bar(d, 0, 0x8000, IO), bar(d, 1, 0x4000, IO)]), PC);
  t.deepEqual(big, { ok: false, panic: 'PCI: out of I/O address space' });
});

test('64-bit BARs move above RAM only when the 32-bit window overflows; else a panic', (t) => {
  const d = dev(0, 2); const u = dev(0, 3, 0x0c03); const e = dev(0, 4);
  const small = placeResources(inv([d], [bar(d, 0, GiB / 2, PREFMEM, true)]), PC);
  t.true(small.ok && small.mem64 === undefined && small.bars[0]!.addr < 2 ** 32);
  const over = placeResources(inv([d, u, e], [
    bar(d, 0, 2 * GiB, PREFMEM, true), bar(u, 0, 0x1000, MEM, true), bar(e, 0, GiB, MEM, true),
  ]), { ...PC, ramTop64: 2 ** 32 + 3 * GiB / 2 });
  if (!over.ok) return t.fail(over.panic);
  // base = ALIGN(4G + 1.5G, 1G) = 6G; pbase = ALIGN(ALIGN(6G + 1G, 2G), 1G) = 8G; end = 10G.
  t.deepEqual(over.mem64, { start: 6 * GiB, end: 10 * GiB });
  t.is(over.bars.find((b) => b.dev === e)!.addr, 6 * GiB, 'MEM 64 first, 1 GiB aligned above RAM');
  t.is(over.bars.find((b) => b.dev === d)!.addr, 8 * GiB, 'then PREFMEM, aligned to itself and 1 GiB');
  t.true(over.bars.find((b) => b.dev === u)!.addr < 2 ** 32, 'USB controllers stay below 4 GiB');
  const none = placeResources(inv([d], [bar(d, 0, 2 * GiB, PREFMEM)]), PC);
  t.deepEqual(none, { ok: false, panic: 'PCI: out of 32bit address space' });
});

test('bridge windows: minimums, hot-plug reservation, reserve cap, 64-bit prefetch only if all children are', (t) => {
  const shpc = dev(0, 2, 0x0604, 1);
  const port = dev(0, 3, 0x0604, 2);
  const capped = dev(0, 4, 0x0604, 3);
  const child = dev(3, 0, 0x0200, 0, capped);
  const bridges: BridgeInfo[] = [
    { dev: shpc, hasRegion: [true, true, true], pref64: true, hotplug: 'shpc', hotplugCapable: true, reserve: [undefined, undefined, undefined] },
    { dev: port, hasRegion: [true, true, true], pref64: true, hotplug: 'pcie', hotplugCapable: true, reserve: [undefined, undefined, undefined] },
    { dev: capped, hasRegion: [true, true, true], pref64: true, hotplug: 'none', hotplugCapable: false, reserve: [0x3000, 0x900000, undefined] },
  ];
  const r = placeResources(inv([shpc, port, capped, child], [bar(child, 0, 0x1000, PREFMEM, false)], bridges, 3), PC);
  if (!r.ok) return t.fail(r.panic);
  const win = (d: PciDevice, type: RegionType) => r.windows.find((w) => w.dev === d && w.type === type)!;
  t.deepEqual([IO, MEM, PREFMEM].map((ty) => win(shpc, ty as RegionType).size), [0x1000, 0x200000, 0x200000], 'SHPC: empty slot reserves each minimum');
  t.deepEqual([IO, MEM, PREFMEM].map((ty) => win(port, ty as RegionType).size), [0, 0x200000, 0x200000], 'PCIe hot-plug: IO is optional');
  t.is(win(capped, IO).size, 0x3000, 'IO reserve taken as is');
  t.is(win(capped, MEM).size, 0xa00000, 'MEM reserve aligned up to 2 MiB');
  t.is(win(capped, PREFMEM).size, 0x200000);
  t.false(r.bars.find((b) => b.dev === child)!.is64);
});
