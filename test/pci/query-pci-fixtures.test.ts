import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { DEVICE_CATALOG } from '../../src/machine/devices/catalog.js';
import { pciOf } from '../../src/machine/pci/index.js';
import type { PciDeviceInfo, PciInfo } from '../../src/machine/pci/index.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';
import { canonical, cfgRead, cfgWrite } from './config-cycles.js';

const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'];

/** The fixture's QEMU command line, minus what fwlab has no driver for (non-PCI vmgenid lives elsewhere). */
function fwlabArgs(config: string): { args: string[]; dropped: string[] } {
  const line = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'cmdline.txt'), 'utf8').trim();
  const words = line.split(/\s+/).slice(1);
  const args: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-device' && !DEVICE_CATALOG.has(words[i + 1]!.split(',')[0]!)) {
      dropped.push(words[++i]!);
      continue;
    }
    args.push(w);
  }
  return { args, dropped };
}

/** Program one function the way SeaBIOS left it, through 0xCF8/0xCFC only. */
function program(m: Machine, d: PciDeviceInfo): void {
  const devfn = d.slot * 8 + d.function;
  const bridge = d.pci_bridge;
  if (bridge) {
    cfgWrite(m, d.bus, devfn, 0x18, 1, bridge.bus.number);
    cfgWrite(m, d.bus, devfn, 0x19, 1, bridge.bus.secondary);
    cfgWrite(m, d.bus, devfn, 0x1a, 1, bridge.bus.subordinate);
    const io = bridge.bus.io_range;
    cfgWrite(m, d.bus, devfn, 0x1c, 1, (io.base >> 8) & 0xff);
    cfgWrite(m, d.bus, devfn, 0x1d, 1, (io.limit >> 8) & 0xff);
    cfgWrite(m, d.bus, devfn, 0x30, 2, 0);
    cfgWrite(m, d.bus, devfn, 0x32, 2, 0);
    const mem = bridge.bus.memory_range;
    cfgWrite(m, d.bus, devfn, 0x20, 2, Math.floor(mem.base / 0x10000) & 0xffff);
    cfgWrite(m, d.bus, devfn, 0x22, 2, Math.floor(mem.limit / 0x10000) & 0xffff);
    const pref = bridge.bus.prefetchable_range;
    cfgWrite(m, d.bus, devfn, 0x24, 2, Math.floor(pref.base / 0x10000) & 0xffff);
    cfgWrite(m, d.bus, devfn, 0x26, 2, Math.floor(pref.limit / 0x10000) & 0xffff);
    cfgWrite(m, d.bus, devfn, 0x28, 4, Math.floor(pref.base / 2 ** 32));
    cfgWrite(m, d.bus, devfn, 0x2c, 4, Math.floor(pref.limit / 2 ** 32));
  }
  for (const r of d.regions) {
    const rom = r.bar === 6;
    const off = rom ? (bridge ? 0x38 : 0x30) : 0x10 + 4 * r.bar;
    // SeaBIOS writes ROM BARs without the enable bit: they stay unmapped (-1). Any aligned address will do.
    const addr = rom && r.address === -1 ? 0xfeb00000 : r.address;
    cfgWrite(m, d.bus, devfn, off, 4, addr % 2 ** 32);
    if (r.mem_type_64) cfgWrite(m, d.bus, devfn, off + 4, 4, Math.floor(addr / 2 ** 32));
  }
  if (d.irq !== undefined) cfgWrite(m, d.bus, devfn, 0x3c, 1, d.irq);
  // SeaBIOS: COMMAND |= IO | MEMORY | SERR on every function.
  cfgWrite(m, d.bus, devfn, 0x04, 2, cfgRead(m, d.bus, devfn, 0x04, 2) | 0x0103);
  for (const child of bridge?.devices ?? []) program(m, child);
}

for (const config of CONFIGS) {
  test(`${config}: programming SeaBIOS's values through 0xCF8/0xCFC reproduces QEMU's query-pci`, (t) => {
    const expected = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json'), 'utf8')) as PciInfo[];
    const { args, dropped } = fwlabArgs(config);
    if (dropped.length > 0) t.log(`not PCI / not in this catalog, left out: ${dropped.join(' ')}`);
    const m = createMachine(args);
    for (const d of expected[0]!.devices) program(m, d);
    t.deepEqual(canonical(pciOf(m).queryPci()), canonical(expected));
    t.deepEqual(pciOf(m).overlaps(), []);
  });
}

test('before the firmware runs, nothing decodes and bridges forward nothing', (t) => {
  const m = createMachine(fwlabArgs('pc-bridge').args);
  const q = pciOf(m).queryPci();
  const all = (ds: PciDeviceInfo[]): PciDeviceInfo[] => ds.flatMap((d) => [d, ...all(d.pci_bridge?.devices ?? [])]);
  for (const d of all(q[0]!.devices)) for (const r of d.regions) t.is(r.address, -1, `${d.slot}.${d.function} BAR${r.bar}`);
  // The devices behind the unnumbered bridge are not reachable yet: bus 1 reads all-ones.
  t.is(cfgRead(m, 1, 3 * 8, 0, 4), 0xffffffff);
});
