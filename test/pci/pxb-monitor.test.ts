import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine, bootMachine } from '../../src/inspect.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { fixturePath } from '../helpers/paths.js';
import { canonical } from './config-cycles.js';

/**
 * fwlab's QMP monitor after POST on the expander-bridge command lines of
 * test/fixtures/qemu-7.2/pxb/ (scripts/capture-pxb.mjs): query-pci lists each expander's root bus
 * before bus 0, newest first, as QEMU 7.2 does, and HMP `info pci` prints the same text.
 */
const DIR = fixturePath('qemu-7.2', 'pxb');
const CONFIGS = JSON.parse(readFileSync(`${DIR}/configs.json`, 'utf8')) as Record<string, string[]>;

for (const [name, args] of Object.entries(CONFIGS)) {
  test(`${name}: QMP query-pci and HMP info pci through fwlab's monitor equal QEMU's`, async (t) => {
    const machine = createMachine([...args]);
    await bootMachine(machine, { guest: 'none' });
    const s = new MonitorSession(machine, { guest: 'none' });
    await s.handle({ execute: 'qmp_capabilities' });
    const reply = await s.handle({ execute: 'query-pci' }) as { return: Array<{ bus: number }> };
    const qemu = JSON.parse(readFileSync(`${DIR}/${name}/view.json`, 'utf8')) as { queryPci: Array<{ bus: number }> };
    t.deepEqual(reply.return.map((b) => b.bus), qemu.queryPci.map((b) => b.bus), 'root buses in QEMU\'s order');
    t.deepEqual(canonical(reply.return), canonical(qemu.queryPci));
    const hmp = await s.handle({ execute: 'human-monitor-command', arguments: { 'command-line': 'info pci' } }) as { return: string };
    t.is(hmp.return.replace(/\r\n/g, '\n'), readFileSync(`${DIR}/${name}/info-pci.txt`, 'utf8').replace(/\r\n/g, '\n'));
  });
}
