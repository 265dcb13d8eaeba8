/**
 * `--until REGEX` with the built-in firmware: a kernel it booted (guest-images/bzimage-probe.bin)
 * streams COM1 to stdout and the machine stops at the first match (exit 0, no report), or runs to
 * its end without one (exit 1, one stderr line). The text is QEMU 7.2 + SeaBIOS's for the same
 * command (test/fixtures/guest-images/bzimage-probe-pc). The match is checked between 1 ms slices of
 * virtual time, so a few more bytes may follow it.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const ARGS = ['boot', '-machine', 'pc', '-nodefaults', '-kernel', join(repoRoot(), 'guest-images', 'bzimage-probe.bin'),
  '-append', 'console=ttyS0 fwlab=probe', '-serial', 'stdio', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'];

test('--until with the built-in firmware: stops at the kernel\'s first matching line, exit 0; stdout is QEMU\'s COM1 up to there', async (t) => {
  const r = await fwlabChild([...ARGS, '--until', '^cmdline '], 60_000);
  t.is(r.code, 0, r.err);
  const qemu = readFileSync(fixturePath('guest-images', 'bzimage-probe-pc', 'serial.log'), 'latin1');
  t.true(r.out.includes('cmdline console=ttyS0 fwlab=probe'));
  t.true(qemu.startsWith(r.out), r.out);
  t.false(r.out.includes('bzimage-probe: exit'), 'stopped before the end');
});

test('--until with the built-in firmware: no match before the kernel halts is exit 1, one line', async (t) => {
  const r = await fwlabChild([...ARGS, '--until', 'never printed'], 60_000);
  t.is(r.code, 1);
  t.regex((r.err ?? '').trim(), /^fwlab: warning: --until never printed: no match before the run ended at virtual time [\d.]+ ms \(/);
});

test('--run-for bounds the virtual time the booted code runs: the run ends early with the budget named; a bad value is exit 2', async (t) => {
  const r = await fwlabChild([...ARGS, '--until', 'never printed', '--run-for', '2ms'], 60_000);
  t.is(r.code, 1);
  const m = /no match before the run ended at virtual time ([\d.]+) ms \((.*)\)/.exec(r.err ?? '');
  t.truthy(m, r.err);
  t.true(Number(m![1]) < 6, `ended at ${m![1]} ms of virtual time (the probe itself halts at ~6.8 ms)`);
  t.regex(m![2]!, /virtual time budget spent/);
  const bad = await fwlabChild([...ARGS, '--run-for', 'soon'], 60_000);
  t.is(bad.code, 2);
  t.is((bad.err ?? '').trim().split('\n').length, 1, bad.err);
  t.regex(bad.err ?? '', /--run-for soon/);
});
