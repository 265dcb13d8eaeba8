import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootMachine, createMachine, restoreMachine } from '../../src/machine/create-machine.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import type { CpuProgram } from '../../src/spec/cpu-wire.js';

const VERSION = '0.1.0';
const G1 = '11111111-2222-4333-8444-555555555555';
const G2 = '22222222-2222-4333-8444-555555555555';
const ARGS = ['-machine', 'pc', '-device', `vmgenid,guid=${G1}`];

async function negotiated(args: readonly string[]) {
  const machine = createMachine(args);
  await bootMachine(machine);
  const s = new MonitorSession(machine, {}, VERSION);
  await s.handle({ execute: 'qmp_capabilities' });
  return { machine, s };
}

test('migrate file:PATH answers as QMP: {} then (with the events capability) MIGRATION setup/active/completed and STOP; query-migrate completed; postmigrate until cont', async (t) => {
  const { s } = await negotiated(ARGS);
  t.deepEqual(await s.handle({ execute: 'query-migrate' }), { return: {} });
  t.deepEqual(await s.handle({ execute: 'migrate-set-capabilities', arguments: { capabilities: [{ capability: 'events', state: true }] } }), { return: {} });
  s.takeEvents();
  const path = join(mkdtempSync(join(tmpdir(), 'fwlab-snap-')), 'vm.snap');
  t.deepEqual(await s.handle({ execute: 'migrate', arguments: { uri: `file:${path}` }, id: 7 }), { return: {}, id: 7 });
  const events = s.takeEvents().filter((e) => e.event !== 'CONSOLE').map((e) => [e.event, e.data ?? null]);
  t.deepEqual(events, [
    ['MIGRATION', { status: 'setup' }], ['MIGRATION_PASS', { pass: 1 }], ['MIGRATION', { status: 'active' }], ['STOP', null],
    ['MIGRATION_PASS', { pass: 2 }], ['MIGRATION', { status: 'completed' }],
  ]);
  const q = await s.handle({ execute: 'query-migrate' });
  t.like(q, { return: { status: 'completed' } });
  t.like(await s.handle({ execute: 'query-status' }), { return: { status: 'postmigrate', running: false } });
  t.like(await s.handle({ execute: 'cont' }), { return: {} });
  t.like(await s.handle({ execute: 'query-status' }), { return: { status: 'running', running: true } });
  t.true(readFileSync(path).subarray(0, 32).toString('latin1').startsWith('{"magic":"fwlab-snapshot"'));
  t.deepEqual(await s.handle({ execute: 'migrate', arguments: { uri: 'tcp:localhost:4444' } }),
    { error: { class: 'GenericError', desc: "fwlab migrates only to a snapshot file: file:PATH or exec:cat > PATH, not 'tcp:localhost:4444'" } });
  // QEMU 7.2's spelling writes the same file.
  const path2 = join(mkdtempSync(join(tmpdir(), 'fwlab-snap-')), 'vm.snap');
  t.deepEqual(await s.handle({ execute: 'migrate', arguments: { uri: `exec:cat > ${path2}` } }), { return: {} });
  t.deepEqual(readFileSync(path2).subarray(0, 40), readFileSync(path).subarray(0, 40));
  t.deepEqual(await s.handle({ execute: 'migrate', arguments: {} }),
    { error: { class: 'GenericError', desc: "Parameter 'uri' is missing" } });
});

test('the restored guest keeps handling GPEs: a hot-plug (GPE 1) and a new generation ID (GPE 5) after restore', async (t) => {
  const { s, machine } = await negotiated([...ARGS, '-device', 'pci-bridge,chassis_nr=1,id=br1']);
  const path = join(mkdtempSync(join(tmpdir(), 'fwlab-snap-')), 'vm.snap');
  await s.handle({ execute: 'migrate', arguments: { uri: `file:${path}` } });
  const b = createMachine([...ARGS.map((a) => a.replace(G1, G2)), '-device', 'pci-bridge,chassis_nr=1,id=br1']);
  const r = await restoreMachine(b, new Uint8Array(readFileSync(path)), path, VERSION);
  t.true(r.console.includes(`ospm: vmgenid-changed ${G2} previous=${G1}`), r.console.join('\n'));
  const rs = new MonitorSession(b, {}, VERSION);
  await rs.handle({ execute: 'qmp_capabilities' });
  const before = b.debugConsole.lines.length;
  t.deepEqual(await rs.handle({ execute: 'device_add', arguments: { driver: 'e1000', bus: 'br1', addr: '3', id: 'nic1' } }), { return: {} });
  b.consoleLines();
  const added = b.debugConsole.lines.slice(before);
  t.true(added.some((l) => l.startsWith('ospm: gpe 0x1 ')), added.join('\n'));
  t.true(added.some((l) => /^ospm: pci-assign 01:03\.0 /.test(l)), added.join('\n'));
  const G3 = '33333333-2222-4333-8444-555555555555';
  t.like(await rs.handle({ execute: 'set-vm-generation-id', arguments: { guid: G3 } }), { return: { guid: G3 } });
  t.true(b.debugConsole.lines.includes(`ospm: vmgenid-changed ${G3} previous=${G2}`));
  // The source is untouched by the clone.
  t.is(machine.vmgenid!.guid, G1);
});

test('migrate while a program without a save hook holds the CPU fails with GenericError', async (t) => {
  const idle: CpuProgram = { name: 'idler', version: '1', run: (wire) => { wire.setInterruptsEnabled(true); return { kind: 'idle' }; } };
  const machine = createMachine(['-machine', 'q35', '-nodefaults']);
  machine.installRom('none', new Uint8Array(16));
  machine.run({ name: 'fw', version: '1', run: () => ({ kind: 'handover' }) }, idle);
  const s = new MonitorSession(machine, {}, VERSION);
  await s.handle({ execute: 'qmp_capabilities' });
  const path = join(mkdtempSync(join(tmpdir(), 'fwlab-snap-')), 'vm.snap');
  t.deepEqual(await s.handle({ execute: 'migrate', arguments: { uri: `file:${path}` } }),
    { error: { class: 'GenericError', desc: 'the running program idler cannot be saved (no saveState hook)' } });
  t.like(await s.handle({ execute: 'query-migrate' }), { return: { status: 'failed' } });
});
