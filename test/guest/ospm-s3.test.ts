/**
 * S3 from the OSPM guest (decision 0053), on pc and q35 under both firmware profiles. The guest
 * (`--guest-s3 external`) evaluates \_S3, sets the FACS waking vector, writes SLP_TYP|SLP_EN; QMP
 * system_wakeup wakes the machine; the firmware resumes through the waking vector into the guest's
 * `wake` entry, which runs the ACPI wake-up sequence and continues (its vmgenid driver re-reads the ID).
 * Checked against outside references:
 * - the QMP transcript (events and replies, in a client's reading order) equals QEMU 7.2's for the
 *   same commands at the same points (test/fixtures/guest-images/s3-probe-{pc,q35}/qmp.log: a guest
 *   that suspends, query-status while suspended, system_wakeup, query-status);
 * - under the SeaBIOS profile the PM1a_STS the guest reads at its waking vector and CMOS 0Fh equal
 *   what s3-probe read at its own under QEMU + SeaBIOS (serial.log: 8101h on pc, FFFFh on q35 where
 *   SeaBIOS 1.16.2 leaves the PM block unmapped). Under the OVMF profile PlatformPei has mapped the
 *   PM block again (8101h on both boards): from edk2's sources, not a capture (Debian's OVMF boots
 *   no legacy probe: no CSM);
 * - the WRITE_POINTER replay: the wake-up's reset clears etc/vmgenid_addr, so only the firmware's
 *   replay lets a later `set-vm-generation-id` reach the guest as a Notify with the new ID.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { bootMachine, createMachine, romPath } from '../../src/inspect.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { scheduleQmp } from '../../src/tools/monitor/monitor-at.js';
import type { ScheduledQmp } from '../../src/tools/monitor/monitor-at.js';
import { qemuTranscript as transcriptOf } from '../helpers/guest-captures.js';
import { fixturePath } from '../helpers/paths.js';

const MS = 1e6;
const NEW_GUID = '4a3c5e1f-2b7d-4c8e-9f10-a1b2c3d4e5f6';
const capture = (board: string, file: string): string => readFileSync(fixturePath('guest-images', `s3-probe-${board}`, file), 'latin1');

/** What s3-probe read at its waking vector under QEMU + SeaBIOS: PM1a_STS and CMOS 0Fh. */
function probeResume(board: string): { pm1aSts: number; cmos0f: number } {
  const m = /resumed PM1a_STS=([0-9a-f]{8}) CMOS\[0f\]=([0-9a-f]{8})/.exec(capture(board, 'serial.log'))!;
  return { pm1aSts: parseInt(m[1]!, 16), cmos0f: parseInt(m[2]!, 16) };
}

const SCHEDULE: ReadonlyArray<readonly [number, object]> = [
  [0, { execute: 'system_wakeup' }],
  [1000, { execute: 'query-status' }],
  [1500, { execute: 'system_wakeup' }],
  [1500, { execute: 'query-status' }],
  [2000, { execute: 'set-vm-generation-id', arguments: { guid: NEW_GUID } }],
];

async function run(board: 'pc' | 'q35', firmware: 'seabios' | 'ovmf') {
  const m = createMachine(['-machine', board, '-m', '512M', '-nodefaults', '-device', 'vmgenid']);
  const session = new MonitorSession(m, {});
  const items: Array<Promise<string[]>> = [];
  const events = (): Promise<string[]> => Promise.resolve(session.takeEvents().filter((e) => e.event !== 'CONSOLE').map((e) => `event ${e.event}`));
  const entries: ScheduledQmp[] = SCHEDULE.map(([ms, command]) => ({ atNs: ms * MS, command: command as ScheduledQmp['command'], text: '' }));
  await scheduleQmp(m, session, entries, () => {}, {
    before: () => items.push(events()),
    after: (e, reply) => {
      items.push(events());
      items.push(reply.then((r) => [`${e.command.execute} -> ${JSON.stringify(r)}`]));
    },
  });
  const booted = await bootMachine(m, { guestS3: 'external', ...(firmware === 'ovmf' ? { bios: romPath('fwlab-ovmf.mjs') } : {}) });
  // The guest idles in `hlt` after the wake-up: virtual time runs on to the last command.
  m.clock.advance(2500 * MS - m.clock.now());
  items.push(events());
  const transcript = (await Promise.all(items)).flat();
  const lines = m.debugConsole.lines.flatMap((l) => l.split(/\r?\n/)).filter((l) => l !== '');
  return { m, booted, transcript, lines };
}

for (const board of ['pc', 'q35'] as const) {
  for (const firmware of ['seabios', 'ovmf'] as const) {
    test(`${board}, ${firmware} profile: the OSPM guest suspends to RAM, system_wakeup, the firmware resumes it at its waking vector`, async (t) => {
      const { m, booted, transcript, lines } = await run(board, firmware);
      t.is(booted.report.guest?.exit.kind, 'idle', JSON.stringify(booted.report.guest?.exit));
      // QEMU's QMP transcript for a guest that suspends, then our extra set-vm-generation-id.
      const qemu = transcriptOf(`s3-probe-${board}`);
      t.deepEqual(transcript.slice(0, qemu.length), qemu);
      t.true(transcript.slice(qemu.length).some((l) => l.startsWith(`set-vm-generation-id -> {"return":{"guid":"${NEW_GUID}"`)), transcript.join('\n'));

      // ACPI's order: \_S3 → waking vector → SLP_EN; firmware resume; WAK_STS, \_WAK, ACPI mode, GPEs, drivers.
      const sleep = lines.findIndex((l) => /^ospm: s3 sleep slp_typ=1 waking-vector=0x9000 wake=external$/.test(l));
      const at = (re: RegExp): number => { const i = lines.findIndex((l, n) => n > sleep && re.test(l)); return i < 0 ? Infinity : i; };
      const jump = at(firmware === 'seabios' ? /^Jump to resume vector \(9000\)$/ : /^OVMF: S3 resume: jump to the waking vector 0x9000 \(real mode\)$/);
      const wake = at(/^ospm: s3 wake vector=0x9000 /);
      const acpi = at(/^ospm: acpi-mode enabled/);
      const resumed = at(/^ospm: vmgenid-resumed [0-9a-f-]{36} addr=0x[0-9a-f]+ unchanged$/);
      t.true(sleep >= 0 && sleep < jump && jump < wake && wake < acpi && acpi < resumed && resumed < Infinity, lines.slice(Math.max(0, sleep - 2)).join('\n'));
      // The replay put the address back (the reset had cleared it): the host side sees it again.
      const addr = m.fwCfg.file('etc/vmgenid_addr');
      t.true(addr !== undefined && new DataView(addr.buffer, addr.byteOffset).getBigUint64(0, true) !== 0n);
      // set-vm-generation-id then reaches the guest as GPE → Notify — except on q35 under SeaBIOS 1.16.2,
      // whose pci_resume leaves the PM block (and its GPE registers) unmapped, as under QEMU.
      const changed = at(new RegExp(`^ospm: vmgenid-changed ${NEW_GUID} previous=`));
      if (board === 'q35' && firmware === 'seabios') t.is(changed, Infinity);
      else t.true(resumed < changed && changed < Infinity);
      if (firmware === 'ovmf') t.regex(lines[jump - 1]!, /^OVMF: S3 boot script: fw_cfg 0x[0-9a-f]+\+0 <- 8 bytes$/);

      const sts = parseInt(/pm1a_sts=0x([0-9a-f]+)/.exec(lines[wake]!)![1]!, 16);
      if (firmware === 'seabios') t.is(sts, probeResume(board).pm1aSts);
      else t.is(sts, 0x8101);
      t.true(lines[acpi]!.includes('enabled') || board === 'q35' && firmware === 'seabios');
      m.cpu.wire.out8(0x70, 0x0f);
      t.is(m.cpu.wire.in8(0x71), probeResume(board).cmos0f);
      t.true(m.events.includes('suspend (S3)') && m.events.includes('wakeup (other)'));
    });
  }
}

test('without \\_S3 (-global PIIX4_PM.disable_s3=1) the guest says so and stays up', async (t) => {
  const m = createMachine(['-machine', 'pc', '-m', '512M', '-nodefaults', '-global', 'PIIX4_PM.disable_s3=1']);
  const { report } = await bootMachine(m, { guestS3: 'external' });
  t.is(report.guest?.exit.kind, 'idle');
  t.true(m.debugConsole.lines.some((l) => l.includes('ospm: s3 unsupported')));
  t.false(m.events.includes('suspend (S3)'));
});

test('the RTC alarm the guest sets wakes it (PM1_EN.RTC_EN): RTC_STS and WAK_STS at the waking vector', async (t) => {
  const m = createMachine(['-machine', 'q35', '-m', '512M', '-nodefaults']);
  const { report } = await bootMachine(m, { guestS3: 'rtc:2', bios: romPath('fwlab-ovmf.mjs') });
  t.is(report.guest?.exit.kind, 'idle');
  t.true(m.events.includes('wakeup (rtc)'));
  const wake = m.debugConsole.lines.find((l) => l.startsWith('ospm: s3 wake '));
  t.regex(wake ?? '', /pm1a_sts=0x8401 /);
});
