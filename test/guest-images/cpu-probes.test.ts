/**
 * Task switching, virtual-8086 mode and PAE paging, run by x86 code nobody here wrote the expected
 * output for: guest-images/{tasks,v86,pae}-probe.img print one line per case on COM1. The text must
 * equal what the same image printed under QEMU 7.2 (TCG) + SeaBIOS 1.16.2
 * (test/fixtures/guest-images/<probe>-pc/, written by scripts/capture-cpu-probes.mjs), with fwlab's
 * own firmware booting it, in blocks and interpreted. Where QEMU 7.2 differs from the SDM the probes
 * leave the value out (their sources say which: the EIP of a fault after a task switch's commit
 * point, the P bit of a reserved-bit #PF).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { testWith } from '../helpers/reference.js';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { repoRoot } from '../helpers/paths.js';

const PROBES = ['tasks-probe', 'v86-probe', 'pae-probe'] as const;
const fixture = (probe: string, file: string) => readFileSync(join(repoRoot(), `test/fixtures/guest-images/${probe}-pc/${file}`), 'latin1');
/** QEMU's options after `qemu-system-x86_64` in cmdline.txt, less -display. */
const options = (probe: string): string[] => fixture(probe, 'cmdline.txt').trim().split(/\s+/).slice(1).filter((a, i, all) => a !== '-display' && all[i - 1] !== '-display');

for (const probe of PROBES) {
  test(`${probe}: COM1 under fwlab equals QEMU 7.2's`, async (t) => {
    const want = fixture(probe, 'serial.log');
    t.regex(want, new RegExp(`^${probe}: done\\r?$`, 'm'), 'the capture ran to the end');
    const r = await fwlabChild(['boot', ...options(probe)], 90_000);
    t.is(r.code, 0, r.err);
    t.is(r.out.slice(0, want.length), want);
  });

  test(`${probe}: the same with translated blocks off (FWLAB_X86_INTERPRET=1)`, (t) => {
    const r = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'fwlab.js'), 'boot', ...options(probe)],
      { encoding: 'latin1', timeout: 90_000, env: { ...process.env, FWLAB_X86_INTERPRET: '1' } });
    t.is(r.status, 0, r.stderr);
    const want = fixture(probe, 'serial.log');
    t.is(r.stdout.slice(0, want.length), want);
  });

  testWith(['qemu'])(`${probe}: the capture is what the installed QEMU + SeaBIOS print today`, (t) => {
    const r = spawnSync('qemu-system-x86_64', fixture(probe, 'cmdline.txt').trim().split(/\s+/).slice(1),
      { cwd: repoRoot(), encoding: 'latin1', timeout: 30_000 });
    t.is(r.stdout, fixture(probe, 'serial.log'));
    t.is(r.status, 1, 'isa-debug-exit: (0 << 1) | 1');
  });
}
