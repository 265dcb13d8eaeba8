import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { UsageError } from '../../src/lib/errors.js';
import { bootMachine } from '../../src/machine/create-machine.js';
import { fixturePath } from '../helpers/paths.js';

// Recorded from Debian's QEMU 7.2 by scripts/capture-numa-errors.mjs.
const CASES = JSON.parse(readFileSync(fixturePath('qemu-7.2-machines', 'numa-messages.json'), 'utf8')) as Array<{ args: string[]; stderr: string }>;

for (const c of CASES) {
  const starts = c.stderr === '' || c.stderr.startsWith('warning:');
  test(`${c.args.filter((a) => !a.startsWith('memory-backend')).join(' ')}: ${starts ? 'accepted' : 'refused'} as by QEMU 7.2`, (t) => {
    const make = () => createMachine(['-nodefaults', ...c.args]);
    if (starts) t.notThrows(make);
    else t.throws(make, { instanceOf: UsageError, message: c.stderr });
  });
}

test('the OSPM guest sees each CPU\'s proximity domain (_PXM) on a two-node pc', async (t) => {
  const m = createMachine(['-m', '1G', '-nodefaults', '-smp', '2', '-object', 'memory-backend-ram,id=m0,size=512M', '-object', 'memory-backend-ram,id=m1,size=512M',
    '-numa', 'node,nodeid=0,cpus=0,memdev=m0', '-numa', 'node,nodeid=1,cpus=1,memdev=m1', '-numa', 'dist,src=0,dst=1,val=20']);
  await bootMachine(m, {});
  t.deepEqual(m.debugConsole.lines.filter((l) => l.startsWith('ospm: cpu ')), [
    'ospm: cpu \\_SB_.CPUS.C000 uid=0 apic=0 pxm=0 sta=0xf',
    'ospm: cpu \\_SB_.CPUS.C001 uid=1 apic=1 pxm=1 sta=0xf',
  ]);
  t.true(m.debugConsole.lines.some((l) => /^ospm: table SRAT .* checksum=ok$/.test(l)));
  t.true(m.debugConsole.lines.some((l) => /^ospm: table SLIT .* checksum=ok$/.test(l)));
});
