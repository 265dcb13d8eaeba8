/**
 * Application processors (decision 0044). guest-images/ap-probe.img wakes the APs itself with
 * INIT-SIPI-SIPI, has each record its local APIC ID and CPUID initial APIC ID, and sends fixed IPIs
 * by physical ID, to all but itself and to a logical destination, an NMI to all but itself and a
 * self IPI. Under QEMU 7.2 + SeaBIOS 1.16.2 (scripts/capture-guest-images.mjs ap-probe,
 * test/fixtures/guest-images/ap-probe-*) it printed one line per CPU; fwlab must print the same COM1
 * text under its TypeScript firmware (whose smp_setup counts and parks the APs first, logging
 * SeaBIOS's "Found N cpu(s) max supported M cpu(s)" as QEMU's SeaBIOS did) and under Debian's SeaBIOS on
 * fwlab's x86 cores (APs parked by SeaBIOS's smp_setup, whose "Found N cpu(s) max supported M
 * cpu(s)" and per-AP "handle_smp" lines must equal QEMU's, the order of the latter aside: QEMU's
 * APs run in parallel threads and check in in any order).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bootMachine, createMachine } from '../../src/inspect.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const RUNS = ['ap-probe-smp2-pc', 'ap-probe-smp2-q35', 'ap-probe-smp4-pc', 'ap-probe-smp4-q35', 'ap-probe-smp4-sockets2-pc'] as const;
const capture = (run: string, file: string): string => readFileSync(fixturePath('guest-images', run, file), 'latin1');

/** The captured machine options without what only the capture needed (display, debugcon chardev, stdio). */
function machineArgs(run: string): string[] {
  const args = capture(run, 'cmdline.txt').trim().split(' ').slice(1);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (['-display', '-chardev', '-serial'].includes(a) || (a === '-device' && args[i + 1]!.startsWith('isa-debugcon'))) { i++; continue; }
    out.push(a.startsWith('file=guest-images/') ? `file=${join(repoRoot(), a.slice('file='.length))}` : a);
  }
  return [...out, '-serial', 'null'];
}

const smpLines = (lines: readonly string[]) => ({
  found: lines.filter((l) => /^Found \d+ cpu\(s\)/.test(l)),
  handled: lines.filter((l) => l.startsWith('handle_smp: ')).sort(),
});

for (const run of RUNS) {
  test(`${run}: fwlab's firmware counts and parks the APs as SeaBIOS did under QEMU; the probe wakes them again and its IPIs land as there (COM1 equal)`, async (t) => {
    const m = createMachine(machineArgs(run));
    const { report } = await bootMachine(m);
    t.is(report.firmware?.exit.kind, 'x86');
    m.consoleLines();
    t.deepEqual(smpLines(m.debugConsole.lines).found, smpLines(capture(run, 'debugcon.log').split(/\r?\n/)).found);
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
    // One time-stamp counter: every CPU's TSC counts from the same power-on (no warp for Linux's check).
    t.is(new Set(m.x86Cpus!.cpus.map((c) => c.tsc())).size, 1);
  });

  testWith(['seabios'])(`${run}: Debian's SeaBIOS on fwlab counts and parks the APs as under QEMU; then the probe's COM1 is QEMU's`, (t) => {
    const m = createMachine(machineArgs(run));
    const r = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 5e9, noReboot: true, until: () => m.serialPorts[0]!.output.includes('ap-probe: done') });
    t.is(r.exit.kind, 'halt');
    m.consoleLines();
    const want = smpLines(capture(run, 'debugcon.log').split(/\r?\n/));
    t.is(want.found.length, 1);
    t.deepEqual(smpLines(m.debugConsole.lines), want);
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
  });

  testWith(['qemu'])(`${run}: the capture is what the installed QEMU + SeaBIOS print today`, (t) => {
    const args = capture(run, 'cmdline.txt').trim().split(' ').slice(1)
      .map((a) => a.replace(/path=test\/fixtures\/guest-images\/[^,]+\/debugcon.log/, 'path=/dev/null'));
    const r = spawnSync('qemu-system-x86_64', args, { cwd: repoRoot(), encoding: 'latin1', timeout: 5_000 });
    t.is(r.stdout.slice(0, capture(run, 'serial.log').length), capture(run, 'serial.log'));
  });
}

testWith(['seabios'])('the same machine and firmware run the same way twice: debug console, COM1, virtual time, instructions per CPU', (t) => {
  const once = () => {
    const m = createMachine(machineArgs('ap-probe-smp4-q35'));
    const r = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 5e9, noReboot: true, until: () => m.serialPorts[0]!.output.includes('ap-probe: done') });
    m.consoleLines();
    return { debugcon: m.debugConsole.lines.join('\n'), com1: m.serialPorts[0]!.output, now: m.clock.now(), icounts: r.cpus.cpus.map((c) => c.icount) };
  };
  const a = once();
  t.true(a.icounts.every((n) => n > 0));
  t.deepEqual(once(), a);
});
