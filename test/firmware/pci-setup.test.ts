import test from 'ava';
import { FakeWire } from './helpers/fake-wire.js';
import { FakePci } from './helpers/fake-pci.js';
import { CONFIGS } from './helpers/fixtures.js';
import { fixturePath } from '../helpers/paths.js';
import { pciSetup } from '../../firmware/pci/setup.js';

for (const config of CONFIGS) {
  test(`${config}: SeaBIOS-profile PCI setup reproduces seabios/query-pci.json`, (t) => {
    const fixture = fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json');
    const wire = new FakeWire();
    const pci = new FakePci(wire, fixture);
    const lines: string[] = [];
    const r = pciSetup({
      wire, ramSize: 0x20000000, ramSizeOver4G: 0, reservedMemoryEnd: 0, extraRoots: 0, pmBase: 0x600,
      log: (l) => lines.push(l), reserve: () => {},
    });
    t.true(r.ok, lines.join('\n'));
    t.deepEqual(pci.snapshot(), FakePci.expected(fixture));
  });
}
