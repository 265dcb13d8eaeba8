import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { cpuSlots, parseSmp } from '../../src/machine/options/smp.js';
import { fixturePath } from '../helpers/paths.js';

interface SmpCase {
  readonly machine: string;
  readonly smp: string;
  /** What QEMU 7.2 printed (without its program prefix); '' or a warning when it started. */
  readonly stderr: string;
}

// Recorded from Debian's QEMU 7.2 by scripts/capture-smp-errors.mjs.
const CASES = JSON.parse(readFileSync(fixturePath('qemu-7.2-machines', 'smp-messages.json'), 'utf8')) as SmpCase[];

for (const c of CASES) {
  const starts = c.stderr === '' || c.stderr.startsWith('warning:');
  test(`-machine ${c.machine} -smp ${c.smp}: ${starts ? 'accepted' : 'refused'} as by QEMU 7.2`, (t) => {
    const make = () => createMachine(['-machine', c.machine, '-nodefaults', '-smp', c.smp]);
    if (starts) t.notThrows(make);
    else t.throws(make, { instanceOf: UsageError, message: `-smp ${c.smp}: ${c.stderr}` });
  });
}

test('APIC IDs pack thread, core, die and socket in fields of ceil(log2(n)) bits (QEMU x86_apicid_from_cpu_idx)', (t) => {
  const ids = (v: string) => cpuSlots(parseSmp(v, 'pc')).map((s) => s.apicId);
  t.deepEqual(ids('3,sockets=2,cores=3,maxcpus=6'), [0, 1, 2, 4, 5, 6]);
  t.deepEqual(ids('8,sockets=2,dies=2,cores=2'), [0, 1, 2, 3, 4, 5, 6, 7]);
  t.deepEqual(ids('6,sockets=1,dies=2,cores=3'), [0, 1, 2, 4, 5, 6]);
  t.deepEqual(ids('4,sockets=1,cores=1,threads=2,dies=2'), [0, 1, 2, 3]);
});
