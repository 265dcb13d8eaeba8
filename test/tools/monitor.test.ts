import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { CpuPowerOffSignal } from '../../src/machine/cpu/cpu-core.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import type { QmpReply } from '../../src/tools/monitor/monitor-session.js';
import { serveUnix } from '../../src/tools/monitor/qmp-server.js';
import { repoRoot } from '../helpers/paths.js';

const GUID = '324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87';
const ARGS = ['-machine', 'q35', '-m', '512M', '-device', `vmgenid,guid=${GUID}`, '-nodefaults'];
const NEW_GUID = '01234567-89ab-cdef-0123-456789abcdef';
// Microsoft byte order (qemu-host.md §3.4): first three fields byte-swapped, last 8 bytes as written.
const NEW_GUID_BYTES = [0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];

async function session(guest = 'none') {
  const machine = createMachine(ARGS);
  await bootMachine(machine, { guest });
  const s = new MonitorSession(machine, { guest });
  return { machine, s };
}
const ok = (r: QmpReply) => ('return' in r ? r.return : (() => { throw new Error(JSON.stringify(r)); })()) as Record<string, unknown>;

test('capabilities negotiation comes first; unknown commands are CommandNotFound', async (t) => {
  const { s } = await session();
  t.deepEqual(await s.handle({ execute: 'query-status' }), { error: { class: 'CommandNotFound', desc: "Expecting capabilities negotiation with 'qmp_capabilities'" } });
  t.deepEqual(await s.handle({ execute: 'qmp_capabilities', id: 7 }), { return: {}, id: 7 });
  t.deepEqual(ok(await s.handle({ execute: 'query-status' })), { status: 'running', running: true, singlestep: false });
  t.is((await s.handle({ execute: 'frobnicate' }) as { error: { class: string } }).error.class, 'CommandNotFound');
});

test('set-vm-generation-id writes the new GUID where the firmware said, raises GPE0 bit 5, emits VMGENID_CHANGED', async (t) => {
  const { machine, s } = await session();
  await s.handle({ execute: 'qmp_capabilities' });
  t.deepEqual(ok(await s.handle({ execute: 'query-vm-generation-id' })), { guid: GUID });
  s.takeEvents();
  ok(await s.handle({ execute: 'set-vm-generation-id', arguments: { guid: NEW_GUID } }));
  t.deepEqual(ok(await s.handle({ execute: 'query-vm-generation-id' })), { guid: NEW_GUID });
  const ev = s.takeEvents().find((e) => e.event === 'VMGENID_CHANGED');
  t.truthy(ev);
  const address = Number((ev!.data as { address: string }).address);
  t.deepEqual([...machine.memory.readBytes(address, 16)], NEW_GUID_BYTES);
  // ICH9 GPE0_STS at PMBASE + 0x20 (the firmware moved PMBASE to 0x600, qemu-host.md §3.7).
  t.is(machine.cpu.in8(0x620) & 0x20, 0x20);
  const bad = await s.handle({ execute: 'set-vm-generation-id', arguments: { guid: 'not-a-guid' } });
  t.is((bad as { error: { class: string } }).error.class, 'GenericError');
});

test('stop/cont/quit and events; system_reset runs the firmware again and WRITE_POINTER is redone', async (t) => {
  const { s } = await session();
  await s.handle({ execute: 'qmp_capabilities' });
  ok(await s.handle({ execute: 'stop' }));
  t.is(ok(await s.handle({ execute: 'query-status' })).status, 'paused');
  t.true('error' in (await s.handle({ execute: 'set-vm-generation-id', arguments: { guid: NEW_GUID } })));
  ok(await s.handle({ execute: 'cont' }));
  t.deepEqual(s.takeEvents().map((e) => e.event).filter((e) => e !== 'CONSOLE'), ['STOP', 'RESUME']);
  t.deepEqual(await s.handle({ execute: 'system_reset', id: 9 }), { return: {}, id: 9 });
  const ev = s.takeEvents();
  t.is(ev[0]!.event, 'RESET');
  t.true(ev.some((e) => e.event === 'CONSOLE' && /WRITE_POINTER etc\/vmgenid_addr/.test((e.data as { line: string }).line)), 'the firmware reported the address again');
  ok(await s.handle({ execute: 'set-vm-generation-id', arguments: { guid: NEW_GUID } }));
  t.true(s.takeEvents().some((e) => e.event === 'VMGENID_CHANGED' && (e.data as { notified: boolean }).notified));
  ok(await s.handle({ execute: 'quit' }));
  t.true(s.quit);
});

test('the unix-socket transport: greeting, replies, events, quit ends the server', async (t) => {
  const { s } = await session();
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-qmp-'));
  const path = join(dir, 'qmp.sock');
  try {
    let readyPath = '';
    const served = serveUnix(s, path, (p) => { readyPath = p; });
    while (!readyPath) await new Promise((r) => setTimeout(r, 5));
    const sock = connect(path);
    const lines = createInterface({ input: sock });
    const got: unknown[] = [];
    const done = new Promise<void>((resolve) => lines.on('line', (l) => {
      got.push(JSON.parse(l));
      if ((got[got.length - 1] as { return?: unknown; id?: number }).id === 3) resolve();
    }));
    sock.write('{"execute":"qmp_capabilities","id":1}\n{"execute":"query-vm-generation-id","id":2}\n{"execute":"quit","id":3}\n');
    await done;
    await served;
    t.truthy((got[0] as { QMP?: unknown }).QMP);
    t.deepEqual(got.find((g) => (g as { id?: number }).id === 2), { return: { guid: GUID }, id: 2 });
    t.true(got.some((g) => (g as { event?: string }).event === 'SHUTDOWN'));
    t.false(existsSync(path), 'socket removed');
    sock.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const ospm = join(repoRoot(), 'roms', 'ospm.mjs');
test('scripted session: the guest reports the new GUID through GPE → _E05 → Notify → ADDR', async (t) => {
  const { s } = await session(ospm);
  await s.handle({ execute: 'qmp_capabilities' });
  s.takeEvents();
  const r = ok(await s.handle({ execute: 'set-vm-generation-id', arguments: { guid: NEW_GUID } }));
  const lines = r.guestConsole as string[];
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  const gpe = at(/gpe 0x5 \\_GPE\._E05/);
  const notify = at(/notify \\_SB_?\.VGEN 0x80/);
  const changed = at(new RegExp(`vmgenid-changed ${NEW_GUID}`, 'i'));
  t.true(gpe >= 0 && notify > gpe && changed > notify, lines.join('\n'));
  t.deepEqual(ok(await s.handle({ execute: 'query-vm-generation-id' })), { guid: NEW_GUID });
});

test('device_add hot-plugs behind a root port (GPE0 bit 1); device_del → DEVICE_DELETED once the guest ejects', async (t) => {
  const machine = createMachine(['-machine', 'q35', '-nodefaults', '-device', 'pcie-root-port,id=rp1,chassis=1,addr=0x10']);
  await bootMachine(machine, { guest: 'none' });
  const s = new MonitorSession(machine, { guest: 'none' });
  await s.handle({ execute: 'qmp_capabilities' });
  t.deepEqual(ok(await s.handle({ execute: 'device_add', arguments: { driver: 'e1000', bus: 'rp1', id: 'n1' } })), {});
  const listed = ok(await s.handle({ execute: 'qom-list', arguments: { path: '/machine/peripheral' } })) as unknown as unknown[];
  t.deepEqual(listed.filter((p) => (p as { name: string }).name === 'n1'), [{ name: 'n1', type: 'child<e1000>' }]);
  t.deepEqual(ok(await s.handle({ execute: 'qom-get', arguments: { path: '/machine/peripheral/n1', property: 'type' } })) as unknown, 'e1000');
  t.true(machine.acpiPm.gpeStatus(1), 'PCI hot-plug GPE (bit 1)');
  t.true('error' in (await s.handle({ execute: 'device_add', arguments: { driver: 'e1000', id: 'x' } })), 'pcie.0 is not hot-pluggable');
  ok(await s.handle({ execute: 'device_del', arguments: { id: 'n1' } }));
  s.takeEvents();
  // What the DSDT's PCEJ does for the guest (q35 hot-plug block at 0xCC0: BNUM at +0x10, B0EJ at +0x08).
  machine.cpu.out32(0xcc0 + 0x10, 0);
  machine.cpu.out32(0xcc0 + 0x08, 1);
  t.deepEqual(s.takeEvents().filter((e) => e.event === 'DEVICE_DELETED').map((e) => e.data), [{ device: 'n1', path: '/machine/peripheral/n1' }]);
});

test('scripted session through the CLI: fwlab boot --monitor stdio with JSON lines on stdin', (t) => {
  const script = [
    { execute: 'qmp_capabilities', id: 1 },
    { execute: 'query-vm-generation-id', id: 2 },
    { execute: 'set-vm-generation-id', arguments: { guid: NEW_GUID }, id: 3 },
    { execute: 'query-vm-generation-id', id: 4 },
    { execute: 'quit', id: 5 },
  ].map((c) => JSON.stringify(c)).join('\n') + '\n';
  const r = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'fwlab.js'), 'boot', ...ARGS, '--monitor', 'stdio'], { input: script, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: number; return?: { guid?: string }; event?: string });
  t.truthy((lines[0] as { QMP?: unknown }).QMP);
  t.is(lines.find((l) => l.id === 2)?.return?.guid, GUID);
  t.is(lines.find((l) => l.id === 4)?.return?.guid, NEW_GUID);
  t.true(lines.some((l) => l.event === 'VMGENID_CHANGED'));
  t.true(lines.some((l) => l.event === 'SHUTDOWN'));
});

test('a guest soft-off (SLP_TYP 0 + SLP_EN in PM1a_CNT) is QEMU\'s SHUTDOWN {guest: true, reason: guest-shutdown}', async (t) => {
  const { machine, s } = await session();
  await s.handle({ execute: 'qmp_capabilities' });
  s.takeEvents();
  // ICH9 PM1a_CNT at PMBASE + 4 (PMBASE 0x600 after the firmware, qemu-host.md §3.7); SLP_EN is bit 13.
  t.throws(() => machine.cpu.out16(0x604, 1 << 13), { instanceOf: CpuPowerOffSignal });
  const ev = s.takeEvents().filter((e) => e.event === 'SHUTDOWN');
  t.deepEqual(ev.map((e) => e.data), [{ guest: true, reason: 'guest-shutdown' }]);
  t.deepEqual(Object.keys(ev[0]!), ['timestamp', 'event', 'data'], 'QEMU\'s key order');
});
