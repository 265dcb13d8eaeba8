import test from 'ava';
import { readFileSync } from 'node:fs';
import { FakeWire } from './helpers/fake-wire.js';
import { FakePci } from './helpers/fake-pci.js';
import { FakeFwCfg, fixtureFiles } from './helpers/fake-fw-cfg.js';
import { fwcfgPost } from './helpers/fixtures.js';
import { fixturePath } from '../helpers/paths.js';
import { program } from '../../firmware/ovmf.js';

const OVMF_CONFIGS = ['pc-default', 'q35-default', 'pc-bridge', 'q35-rootports'];

for (const config of OVMF_CONFIGS) {
  test(`${config}: OVMF-profile PCI setup reproduces ovmf/query-pci.json (test bus)`, (t) => {
    const fixture = fixturePath('qemu-7.2', config, 'ovmf', 'query-pci.json');
    const wire = new FakeWire();
    const pci = new FakePci(wire, fixture);
    new FakeFwCfg(wire, fixtureFiles(fwcfgPost(config)));
    const exit = program.run(wire);
    t.deepEqual(exit, { kind: 'handover' }, wire.console);
    t.deepEqual(pci.snapshot(), FakePci.expected(fixture), wire.console);
  });
}

test('OVMF fixtures used here exist', (t) => {
  for (const c of OVMF_CONFIGS) t.truthy(readFileSync(fixturePath('qemu-7.2', c, 'ovmf', 'query-pci.json')).length);
});
