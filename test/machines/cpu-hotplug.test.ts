import test from 'ava';
import { readFileSync } from 'node:fs';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import type { QmpReply } from '../../src/tools/monitor/monitor-session.js';
import { fixturePath } from '../helpers/paths.js';

interface Script {
  readonly machine: string[];
  readonly commands: Array<{ execute: string; arguments?: Record<string, unknown> }>;
}

const script = JSON.parse(readFileSync(fixturePath('qemu-7.2-machines', 'cpu-hotplug-script.json'), 'utf8')) as Script;
// Captured from Debian's QEMU 7.2 + SeaBIOS by scripts/capture-cpu-qmp.mjs.
const transcript = readFileSync(fixturePath('qemu-7.2-machines', 'cpu-hotplug.jsonl'), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as { recv?: Record<string, unknown> });
const qemuReplies = transcript.flatMap((l) => (l.recv && 'id' in l.recv ? [l.recv] : []));

/** Host thread ids (query-cpus-fast entries, the objects with a qom-path) differ between any two runs; topology thread-ids stay. */
function normalize(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v), (_k, x: unknown) => {
    if (x && typeof x === 'object' && 'qom-path' in x && typeof (x as Record<string, unknown>)['thread-id'] === 'number') return { ...x, 'thread-id': 'tid' };
    return x;
  });
}

test('CPU device_add/device_del and query-hotpluggable-cpus/query-cpus-fast answer as QEMU 7.2 after SeaBIOS (legacy hot-plug mode)', async (t) => {
  // The capture's QEMU had an anonymous isa-debugcon (the capture reads SeaBIOS's log through it).
  const machine = createMachine([...script.machine, '-device', 'isa-debugcon,iobase=0x402']);
  await bootMachine(machine, { guest: 'none' });
  const s = new MonitorSession(machine, { guest: 'none' });
  const ours: QmpReply[] = [];
  for (const [i, c] of script.commands.entries()) ours.push(await s.handle({ ...c, id: i + 1 }));
  t.deepEqual(normalize(ours), normalize(qemuReplies));
});

test('the OSPM guest sees each CPU\'s _STA, onlines a hot-added CPU on the GPE and ejects it on device_del', async (t) => {
  const machine = createMachine(['-machine', 'q35', '-m', '512M', '-nodefaults', '-smp', '2,maxcpus=4']);
  await bootMachine(machine, {});
  const lines = () => machine.debugConsole.lines.filter((l) => /^ospm: (cpu|cpus|gpe) /.test(l));
  t.deepEqual(lines(), [
    'ospm: cpu \\_SB_.CPUS.C000 uid=0 apic=0 sta=0xf',
    'ospm: cpu \\_SB_.CPUS.C001 uid=1 apic=1 sta=0xf',
    'ospm: cpu \\_SB_.CPUS.C002 uid=2 apic=2 sta=0x0',
    'ospm: cpu \\_SB_.CPUS.C003 uid=3 apic=3 sta=0x0',
    'ospm: cpus present=2 possible=4',
  ]);
  const s = new MonitorSession(machine, {});
  await s.handle({ execute: 'qmp_capabilities' });
  const before = machine.debugConsole.lines.length;
  t.deepEqual(await s.handle({ execute: 'device_add', arguments: { driver: 'qemu64-x86_64-cpu', 'socket-id': 0, 'core-id': 3, 'thread-id': 0, id: 'c3' } }), { return: {} });
  t.deepEqual(await s.handle({ execute: 'device_del', arguments: { id: 'c3' } }), { return: {} });
  machine.consoleLines();
  t.deepEqual(machine.debugConsole.lines.slice(before).filter((l) => /^ospm: (cpu-|gpe )/.test(l)), [
    'ospm: gpe 0x2 \\_GPE._E02',
    'ospm: cpu-online \\_SB_.CPUS.C003 uid=3 apic=3 sta=0xf',
    'ospm: gpe 0x2 \\_GPE._E02',
    'ospm: cpu-ejected \\_SB_.CPUS.C003 uid=3 apic=3 sta=0x0',
  ]);
  t.true(s.takeEvents().some((e) => e.event === 'DEVICE_DELETED' && JSON.stringify(e.data) === '{"device":"c3","path":"/machine/peripheral/c3"}'));
  t.is((machine.cpus.slots().filter((c) => c.present)).length, 2);
  t.deepEqual(await s.handle({ execute: 'device_del', arguments: { id: 'c3' } }), { error: { class: 'DeviceNotFound', desc: "Device 'c3' not found" } });
});
