/**
 * S3 suspend and resume (issue 14 item 5). guest-images/s3-probe.img writes its wake code's address
 * into the FACS, enters S3 through PM1a_CNT and, woken by QMP `system_wakeup`, prints from the
 * waking vector. QEMU 7.2 + SeaBIOS 1.16.2 ran it with the QMP session of scripts/capture-s3.mjs
 * (test/fixtures/guest-images/s3-probe-*): fwlab, with the same options and the same commands at
 * virtual times (`--qmp-at`), must print the same COM1 text and give the same QMP replies and
 * events in the same order — under its TypeScript firmware and under Debian's SeaBIOS running on
 * fwlab's x86 core (which exercises the machine side alone). The debug console after the suspend
 * must show SeaBIOS's resume lines. With `-device vmgenid` the probe reads etc/vmgenid_addr back
 * through fw_cfg after the resume: the wake-up's reset clears it, so only the firmware's replay
 * of its WRITE_POINTER puts the address back.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { qmpAtTranscript, qemuTranscript as transcriptOf } from '../helpers/guest-captures.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';
import { bootMachine, createMachine } from '../../src/inspect.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { scheduleQmp } from '../../src/tools/monitor/monitor-at.js';
import type { ScheduledQmp } from '../../src/tools/monitor/monitor-at.js';

const IMAGE = join(repoRoot(), 'guest-images', 's3-probe.img');
const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const RUNS = ['pc', 'q35', 'pc-vmgenid', 'q35-vmgenid', 'powerdown-pc', 'powerdown-q35'] as const;
const MS = 1e6;
const capture = (run: string, file: string): string => readFileSync(fixturePath('guest-images', `s3-probe-${run}`, file), 'latin1');

/** The captured machine options, without what only the capture needed (display, -S, QMP socket, debugcon chardev). */
function machineArgs(run: string): string[] {
  const args = capture(run, 'cmdline.txt').trim().split(' ').slice(1);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-S') continue;
    if (['-display', '-qmp', '-chardev', '-serial'].includes(a) || (a === '-device' && args[i + 1]!.startsWith('isa-debugcon'))) {
      i++;
      continue;
    }
    out.push(a === 'file=guest-images/s3-probe.img,format=raw,snapshot=on' ? `file=${IMAGE},format=raw` : a);
  }
  return out;
}

/**
 * The commands scripts/capture-s3.mjs sent, at virtual times: system_wakeup while running, then
 * (the probe suspends within a few ms of virtual time) query-status, system_wakeup, query-status.
 */
const SCHEDULE: ReadonlyArray<readonly [string, object]> = [
  ['0ms', { execute: 'system_wakeup' }],
  ['1s', { execute: 'query-status' }],
  ['1500ms', { execute: 'system_wakeup' }],
  ['1500ms', { execute: 'query-status' }],
];
/** The powerdown runs press the power button while suspended, before the first query-status: QEMU stays suspended. */
const scheduleOf = (run: string): ReadonlyArray<readonly [string, object]> =>
  (run.startsWith('powerdown') ? [SCHEDULE[0]!, ['1s', { execute: 'system_powerdown' }], ...SCHEDULE.slice(1)] : SCHEDULE);

async function bootCli(run: string, bios: string[]): Promise<{ out: string; items: string[] }> {
  const qmpAt = scheduleOf(run).flatMap(([at, cmd]) => ['--qmp-at', `${at}:${JSON.stringify(cmd)}`]);
  const r = await fwlabChild(['boot', ...machineArgs(run), ...bios, '-serial', 'stdio', ...qmpAt, '--run-for', '3s'], 120_000);
  if (r.code !== 0) throw new Error(`fwlab boot exited ${r.code}: ${r.err}`);
  return { out: r.out, items: qmpAtTranscript(r.err ?? '') };
}

for (const run of RUNS) {
  test(`${run}: fwlab's firmware resumes the probe through the FACS waking vector; COM1 and the QMP transcript equal QEMU + SeaBIOS's`, async (t) => {
    const { out, items } = await bootCli(run, []);
    const serial = capture(run, 'serial.log');
    t.is(out.slice(0, serial.length), serial);
    t.deepEqual(items, transcriptOf(`s3-probe-${run}`));
  });

  testWith(['seabios'])(`${run}: Debian's SeaBIOS on fwlab's machine resumes the probe; COM1 and the QMP transcript equal QEMU's`, async (t) => {
    const { out, items } = await bootCli(run, ['--bios', SEABIOS]);
    const serial = capture(run, 'serial.log');
    t.is(out.slice(0, serial.length), serial);
    t.deepEqual(items, transcriptOf(`s3-probe-${run}`));
  });
}

/**
 * The debug console from the probe's suspend line on: SeaBIOS's resume lines, then the probe's.
 * The FADT's address is left out of the comparison: on q35 fwlab's DSDT for this command line is
 * not yet the length of QEMU's (the FADT lands 34h bytes lower; a table difference, not a resume one).
 */
function afterSuspend(lines: readonly string[]): string[] {
  const text = lines.flatMap((l) => l.split(/\r?\n/)).map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  return text.slice(text.findIndex((l) => l.startsWith('s3-probe: suspend')))
    .map((l) => l.replace(/^table\(50434146\)=0x[0-9a-f]{8}/, 'table(50434146)=FADT'));
}

async function debugConsole(run: string, bios?: string): Promise<string[]> {
  const m = createMachine(machineArgs(run));
  const session = new MonitorSession(m, {});
  const entries: ScheduledQmp[] = [{ atNs: 1000 * MS, command: { execute: 'system_wakeup' }, text: '' }];
  await scheduleQmp(m, session, entries, () => {});
  await bootMachine(m, bios ? { bios, runForNs: 3000 * MS } : { runForNs: 3000 * MS });
  return afterSuspend(m.debugConsole.lines);
}

for (const board of ['pc', 'q35'] as const) {
  test(`${board}: fwlab's firmware logs SeaBIOS's resume lines on the debug console (but its AP scan's)`, async (t) => {
    const want = afterSuspend([capture(board, 'debugcon.log')]).filter((l) => !/^Found \d+ cpu/.test(l));
    t.deepEqual(await debugConsole(board), want);
  });
}

testWith(['seabios'])('pc: Debian\'s SeaBIOS on fwlab logs on the debug console what it logged under QEMU after the suspend', async (t) => {
  const want = afterSuspend([capture('pc', 'debugcon.log')]);
  t.deepEqual(await debugConsole('pc', SEABIOS), want);
});
