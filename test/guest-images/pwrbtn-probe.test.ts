/**
 * The ACPI power button (issue 14 item 5: S5 "as QEMU"). guest-images/pwrbtn-probe.img, with
 * interrupts off, prints PM1_EN/PM1_STS, waits one second with PWRBTN_EN clear, sets it, polls for
 * PWRBTN_STS, clears it and soft-offs through \_S5. QEMU 7.2 + SeaBIOS 1.16.2 ran it with the QMP
 * session of scripts/capture-powerdown.mjs (test/fixtures/guest-images/pwrbtn-probe-*): a
 * `system_powerdown` during the wait (no PWRBTN_STS: the enable was clear) and one after the enable.
 * fwlab, with the same commands at virtual times inside the same windows (`--qmp-at`), must print
 * the same COM1 text and give the same replies and events (POWERDOWN twice, then the guest's
 * SHUTDOWN) — under its TypeScript firmware and under Debian's SeaBIOS on fwlab's x86 core.
 * QEMU's vCPU ran a few instructions past the SLP_EN write before its main loop stopped it (the
 * captured COM1 ends in a fragment of the next line); fwlab stops the CPU at the write.
 */
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { capture, fwlabArgsOf, qemuTranscript, qmpAtTranscript } from '../helpers/guest-captures.js';
import { testWith } from '../helpers/reference.js';
import { bootMachine, createMachine } from '../../src/machine/create-machine.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const LAST = 'pwrbtn-probe: soft-off SLP_TYP=';
/** The probe waits from ~5-20 ms to ~1 s (first press), then up to 10 s for the second. */
const QMP_AT = ['--qmp-at', '500ms:{"execute":"system_powerdown"}', '--qmp-at', '2s:{"execute":"system_powerdown"}'];

/** COM1 up to the end of the soft-off line. */
function untilSoftOff(serial: string): string {
  const at = serial.indexOf(LAST);
  return at < 0 ? serial : serial.slice(0, serial.indexOf('\n', at) + 1);
}

for (const board of ['pc', 'q35'] as const) {
  const run = `pwrbtn-probe-${board}`;
  const args = fwlabArgsOf(run).map((a) => (a === 'null' ? 'stdio' : a));

  const title = (name: string) => `${board}: ${name}: the power button sets PWRBTN_STS only when enabled; COM1 and the QMP transcript equal QEMU's, the CPU stops at SLP_EN`;
  const check = async (t: ExecutionContext, bios: string[]) => {
    const r = await fwlabChild(['boot', ...args, ...bios, ...QMP_AT, '--run-for', '4s'], 120_000);
    t.is(r.code, 0, r.err);
    const serial = capture(run, 'serial.log');
    t.true(serial.includes(LAST), 'the capture reached the soft-off');
    t.is(untilSoftOff(r.out), untilSoftOff(serial));
    t.false(r.out.includes('still running after SLP_EN'));
    t.deepEqual(qmpAtTranscript(r.err ?? ''), qemuTranscript(run));
  };
  test(title('fwlab\'s firmware'), (t) => check(t, []));
  testWith(['seabios'])(title('Debian\'s SeaBIOS on fwlab'), (t) => check(t, ['--bios', SEABIOS]));
}

test('the OSPM guest shuts down on the power button: POWERDOWN, its \\_S5 soft-off (SHUTDOWN guest-shutdown), then query-status "shutdown"', async (t) => {
  const qemu = qemuTranscript('pwrbtn-probe-q35').filter((i) => i.startsWith('event'));
  for (const board of ['pc', 'q35']) {
    const m = createMachine(['-machine', board, '-nodefaults']);
    await bootMachine(m);
    const s = new MonitorSession(m, {});
    await s.handle({ execute: 'qmp_capabilities' });
    s.takeEvents();
    t.deepEqual(await s.handle({ execute: 'system_powerdown' }), { return: {} });
    const events = s.takeEvents();
    const items = events.filter((e) => e.event !== 'CONSOLE')
      .map((e) => (e.event === 'SHUTDOWN' ? `event SHUTDOWN ${(e.data as { reason: string }).reason}` : `event ${e.event}`));
    t.deepEqual(items, qemu.slice(1), 'one press: POWERDOWN, then the guest\'s soft-off');
    t.deepEqual(events.filter((e) => e.event === 'CONSOLE').map((e) => (e.data as { line: string }).line),
      ['ospm: pm1-event 0x100', 'ospm: power-button', 'ospm: s5 soft-off slp_typ=0']);
    t.true(m.isPoweredOff);
    t.deepEqual(await s.handle({ execute: 'query-status' }), { return: { status: 'shutdown', singlestep: false, running: false } });
    t.deepEqual(m.events.slice(-2), ['power button', 'power off (S5)']);
  }
});

test('HMP system_powerdown is the QMP command; system_wakeup while running prints QMP\'s error', async (t) => {
  const m = createMachine(['-machine', 'pc', '-nodefaults']);
  await bootMachine(m, { guest: 'none' });
  const s = new MonitorSession(m, { guest: 'none' });
  await s.handle({ execute: 'qmp_capabilities' });
  s.takeEvents();
  const hmp = (line: string) => s.handle({ execute: 'human-monitor-command', arguments: { 'command-line': line } });
  t.deepEqual(await hmp('system_wakeup'), { return: 'Error: Unable to wake up: guest is not in suspended state\r\n' });
  t.deepEqual(await hmp('system_powerdown'), { return: '' });
  t.deepEqual(s.takeEvents().map((e) => e.event), ['POWERDOWN']);
  t.false(m.isPoweredOff, 'no guest enabled the button');
  t.deepEqual(m.events.slice(-1), ['power button (PWRBTN_EN clear)']);
});
