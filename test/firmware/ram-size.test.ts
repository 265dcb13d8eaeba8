/** RAM sizing: etc/e820 first, CMOS as SeaBIOS's fallback (seabios-ovmf.md §1.2), from QEMU's CMOS dumps. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { FakeWire } from './helpers/fake-wire.js';
import { FakeFwCfg, fixtureFiles } from './helpers/fake-fw-cfg.js';
import { fwcfgPost } from './helpers/fixtures.js';
import { fixturePath } from '../helpers/paths.js';
import { sizeRam } from '../../firmware/memory/ram.js';
import { FwCfg } from '../../firmware/drivers/fw-cfg.js';

function cmosWire(name: string): FakeWire {
  const nvram = Buffer.from((JSON.parse(readFileSync(fixturePath('qemu-7.2', 'cmos', `${name}.json`), 'utf8')) as { nvram: string }).nvram.replace(/ /g, ''), 'hex');
  const wire = new FakeWire();
  let index = 0;
  wire.mapPorts(0x70, 2, {
    read: (p) => (p === 0x71 ? nvram[index & 0x7f]! : 0xff),
    write: (p, _s, v) => { if (p === 0x70) index = v & 0x7f; },
  });
  return wire;
}

for (const [name, below, above] of [['pc-512M', 0x20000000, 0], ['pc-4G', 0xc0000000, 0x40000000], ['q35-8G', 0x80000000, 0x180000000]] as const) {
  test(`no fw_cfg: RAM from CMOS (${name})`, (t) => {
    const r = sizeRam(cmosWire(name), undefined);
    t.is(r.source, 'cmos');
    t.is(r.ramSize, below);
    t.is(r.ramSizeOver4G, above);
  });
}

test('with fw_cfg, etc/e820 wins: RAM entries below and above 4 GiB, reserved entries kept', (t) => {
  const wire = cmosWire('pc-4G');
  new FakeFwCfg(wire, fixtureFiles(fwcfgPost('pc-default')));
  const r = sizeRam(wire, FwCfg.detect(wire));
  t.is(r.source, 'etc/e820');
  t.is(r.ramSize, 0x20000000);
  t.is(r.ramSizeOver4G, 0);
  t.deepEqual(r.entries.map((e) => e.type), [2, 1]);
});
