/**
 * QMP system_reset while the machine runs (`--qmp-at`), against QEMU 7.2 + SeaBIOS 1.16.2
 * (scripts/capture-system-reset.mjs, test/fixtures/guest-images/system-reset-*):
 *  - a reset after guest-images/bootsect-hello.img halted: RESET (host-qmp-system-reset); QEMU kept
 *    PAM, so SeaBIOS finds HaveRunPost in the shadow, logs "In resume (status=0)", "In 32bit resume",
 *    "Attempting a hard reboot", puts its ROM back and resets through 0xCF9 (RESET guest-reset), and
 *    the image boots again. QEMU's vCPU runs on for a few instructions after the request and may
 *    reach acpi_reboot's second one: its transcript has one or two guest RESETs (both captures here
 *    have two, cpuhp-probe-reset's one); fwlab stops the CPU at the write: one. Adjacent RESETs are
 *    compared as one.
 *  - with -no-reboot: SHUTDOWN (host-qmp-system-reset) and the run ends;
 *  - while suspended (guest-images/s3-probe.img): RESET, and the machine stays stopped (query-status
 *    "prelaunch").
 * Each under fwlab's TypeScript firmware and under Debian's SeaBIOS on fwlab's x86 core.
 */
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { capture, fwlabArgsOf, qemuTranscript, qmpAtTranscript } from '../helpers/guest-captures.js';
import { testWith } from '../helpers/reference.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const RESET = ['--qmp-at', '1s:{"execute":"system_reset"}'];
const SUSPENDED = ['--qmp-at', '1s:{"execute":"query-status"}', '--qmp-at', '1001ms:{"execute":"system_reset"}', '--qmp-at', '1001ms:{"execute":"query-status"}'];
const HARD_REBOOT = ['In resume (status=0)', 'In 32bit resume', 'Attempting a hard reboot'];

/** COM1: what `fwlab boot -serial stdio` printed before its report. */
const com1 = (out: string): string => out.slice(0, Math.max(0, out.indexOf('fwlab: ')));
const oneReset = (items: string[]): string[] => items.filter((x, i) => !(x === 'event RESET' && items[i - 1] === 'event RESET'));

function runs(name: string, run: string, qmpAt: string[], check: (t: ExecutionContext, out: string, err: string) => void): void {
  const args = fwlabArgsOf(run).map((a) => (a === 'null' ? 'stdio' : a));
  const go = async (t: ExecutionContext, bios: string[]) => {
    const r = await fwlabChild(['boot', ...args, ...bios, ...qmpAt, '--run-for', '3s'], 120_000);
    t.is(r.code, 0, r.err);
    check(t, r.out, r.err ?? '');
  };
  test(`${name} (fwlab's firmware)`, (t) => go(t, []));
  testWith(['seabios'])(`${name} (Debian's SeaBIOS on fwlab)`, (t) => go(t, ['--bios', SEABIOS]));
}

for (const board of ['pc', 'q35'] as const) {
  const run = `system-reset-${board}`;
  runs(`${board}: system_reset resets the running machine; the firmware finds HaveRunPost and reboots once more itself; the image boots again as under QEMU`, run, RESET, (t, out, err) => {
    const qemu = capture(run, 'serial.log');
    t.is(qemu.split('bootsect-hello: done').length, 3, 'QEMU booted the image twice');
    t.is(com1(out), qemu);
    t.deepEqual(oneReset(qmpAtTranscript(err)), oneReset(qemuTranscript(run)));
    t.deepEqual(qmpAtTranscript(err).filter((i) => i === 'event RESET').length, 2, 'the monitor\'s RESET, then the firmware\'s one');
    const debugcon = capture(run, 'debugcon.log');
    let at = 0;
    for (const line of HARD_REBOOT) {
      t.true(debugcon.includes(line), `QEMU's SeaBIOS logged "${line}"`);
      const next = out.indexOf(`| ${line}`, at);
      t.true(next > at, `fwlab's run logged "${line}" in order`);
      at = next;
    }
  });
}

runs('pc: with -no-reboot system_reset is a shutdown (SHUTDOWN host-qmp-system-reset) and the run ends', 'system-reset-noreboot-pc', RESET, (t, out, err) => {
  t.is(com1(out), capture('system-reset-noreboot-pc', 'serial.log'));
  t.deepEqual(qmpAtTranscript(err), qemuTranscript('system-reset-noreboot-pc'));
  t.regex(out, /shut down by system_reset \(-no-reboot\)/);
});

runs('pc: system_reset while suspended resets the machine and leaves it stopped (prelaunch), as QEMU 7.2', 'system-reset-suspended-pc', SUSPENDED, (t, out, err) => {
  t.is(com1(out), capture('system-reset-suspended-pc', 'serial.log'));
  t.deepEqual(qmpAtTranscript(err), qemuTranscript('system-reset-suspended-pc'));
  t.regex(out, /reset by system_reset while suspended/);
});

test('a --qmp-at command the run never reached is named on stderr, not dropped', async (t) => {
  const r = await fwlabChild(['boot', ...fwlabArgsOf('system-reset-pc'), '--qmp-at', '20s:{"execute":"query-status"}', '--run-for', '1s'], 120_000);
  t.is(r.code, 0, r.err);
  t.regex(r.err ?? '', /^fwlab: qmp-at 20000\.000 ms \{"execute":"query-status"\}: not run, the run ended at [\d.]+ ms$/m);
});
