import test from 'ava';
import { readFileSync } from 'node:fs';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { fixturePath } from '../helpers/paths.js';

/**
 * `rombar=0` (decision 0054): QEMU 7.2 serves the ROM file through fw_cfg (genroms/, vgaroms/ for
 * VGA; the catalog fixtures *-rombar-0 check that), which it cannot do for a hot-plugged device:
 * device_add refuses it unless romfile is empty (scripts/capture-rombar-hotplug.mjs).
 */
test('device_add with rombar=0 answers as QEMU 7.2 does', async (t) => {
  const want = JSON.parse(readFileSync(fixturePath('qemu-7.2', 'catalog', 'rombar0-hotplug.json'), 'utf8')) as
    { args: string[]; commands: Array<{ execute: string; arguments?: Record<string, unknown> }>; replies: unknown[] };
  const machine = createMachine(want.args);
  await bootMachine(machine, { guest: 'none' });
  const s = new MonitorSession(machine, { guest: 'none' });
  const got = [];
  for (const c of want.commands) got.push(await s.handle(c));
  t.deepEqual(got, want.replies);
});
