import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { fixturePath } from '../helpers/paths.js';
import { cfgRead } from './config-cycles.js';

interface MessageCase {
  readonly machine: 'pc' | 'q35';
  readonly args: string[];
  readonly stderr: string;
}

/** Command lines with pxb / pxb-pcie and what QEMU 7.2.22 said (scripts/capture-pxb-errors.mjs). */
const CASES = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'pxb', 'messages.json'), 'utf8')) as MessageCase[];

for (const c of CASES) {
  const line = `-machine ${c.machine} ${c.args.join(' ')}`;
  test(`${line}: ${c.stderr === '' ? 'accepted' : 'refused'} as by QEMU 7.2`, (t) => {
    const make = () => createMachine(['-machine', c.machine, '-nodefaults', ...c.args]);
    if (c.stderr === '') {
      t.notThrows(make);
      return;
    }
    const e = t.throws(make, { instanceOf: UsageError });
    t.true(e?.message.endsWith(c.stderr), `${e?.message} should end with QEMU's "${c.stderr}"`);
    t.false(e?.message.includes('\n'), 'one line');
  });
}

test('pxb: 1b36:0009 host bridge on bus 0, its bus_nr routes to a pci-bridge (1b36:0001, chassis = bus_nr) at slot 0', (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults', '-device', 'pxb,id=p,bus_nr=0x20,addr=5']);
  t.is(cfgRead(m, 0, 5 * 8, 0, 4), 0x00091b36);
  t.is(cfgRead(m, 0, 5 * 8, 0x0a, 2), 0x0600);
  t.is(cfgRead(m, 0x20, 0, 0, 4), 0x00011b36);
  t.is(cfgRead(m, 0x21, 0, 0, 4), 0xffffffff, 'nothing behind the unnumbered bridge');
  t.deepEqual(m.fwCfg.files().filter((f) => f.name === 'etc/extra-pci-roots').map((f) => [...m.fwCfg.readItem(f.select)]), [[1, 0, 0, 0, 0, 0, 0, 0]]);
});

test('without pxb there is no etc/extra-pci-roots (QEMU adds it only for extra roots)', (t) => {
  const m = createMachine(['-machine', 'q35', '-nodefaults']);
  t.false(m.fwCfg.files().some((f) => f.name === 'etc/extra-pci-roots'));
});
