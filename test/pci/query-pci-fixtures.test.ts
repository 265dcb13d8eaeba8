import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { DEVICE_CATALOG } from '../../src/machine/devices/catalog.js';
import type { PciDeviceInfo, PciInfo } from '../../src/machine/pci/index.js';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';
import { canonical, cfgRead } from './config-cycles.js';
import { programPciLikeSeabios as program } from '../helpers/seabios-pci.js';

const CONFIGS = ['pc-default', 'pc-bridge', 'pc-vmgenid', 'q35-default', 'q35-rootports', 'q35-vmgenid'];

/** The fixture's QEMU command line, minus what fwlab has no driver for (non-PCI vmgenid lives elsewhere). */
function fwlabArgs(config: string): { args: string[]; dropped: string[] } {
  const line = readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'cmdline.txt'), 'utf8').trim();
  const words = line.split(/\s+/).slice(1);
  const args: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // The capture's boot disk ($T/bootdisk.img) is not here; the IDE function is there without it.
    if (w === '-drive') {
      dropped.push(`-drive ${words[++i]!}`);
      continue;
    }
    if (w === '-device' && !DEVICE_CATALOG.has(words[i + 1]!.split(',')[0]!)) {
      dropped.push(words[++i]!);
      continue;
    }
    args.push(w);
  }
  return { args, dropped };
}


for (const config of CONFIGS) {
  test(`${config}: programming SeaBIOS's values through 0xCF8/0xCFC reproduces QEMU's query-pci`, (t) => {
    const expected = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json'), 'utf8')) as PciInfo[];
    const { args, dropped } = fwlabArgs(config);
    if (dropped.length > 0) t.log(`not PCI / not in this catalog, left out: ${dropped.join(' ')}`);
    const m = createMachine(args);
    for (const d of expected[0]!.devices) program(m, d);
    t.deepEqual(canonical(m.pci.queryPci()), canonical(expected));
    t.deepEqual(m.pci.overlaps(), []);
  });
}

test('before the firmware runs, nothing decodes and bridges forward nothing', (t) => {
  const m = createMachine(fwlabArgs('pc-bridge').args);
  const q = m.pci.queryPci();
  const all = (ds: PciDeviceInfo[]): PciDeviceInfo[] => ds.flatMap((d) => [d, ...all(d.pci_bridge?.devices ?? [])]);
  for (const d of all(q[0]!.devices)) for (const r of d.regions) t.is(r.address, -1, `${d.slot}.${d.function} BAR${r.bar}`);
  // The devices behind the unnumbered bridge are not reachable yet: bus 1 reads all-ones.
  t.is(cfgRead(m, 1, 3 * 8, 0, 4), 0xffffffff);
});
