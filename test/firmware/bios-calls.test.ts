/**
 * Every BIOS service a real caller uses, called from x86 code: guest-images/bios-calls.img calls
 * int 11h, 12h, 13h (02h, 08h, 41h, 48h), 15h (C0h, E801h, 88h, 86h, 2400h-2403h), 16h (05h, 01h,
 * 00h), 1Ah (02h, 04h, B101h, B102h, B10Ah) and prints the registers each left. COM1 must equal what
 * the same image printed under QEMU 7.2 + SeaBIOS 1.16.2 with the same options
 * (test/fixtures/guest-images/bios-calls-{pc,q35,defaults-pc,defaults-q35}, command lines beside them).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { testWith } from '../helpers/reference.js';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { repoRoot } from '../helpers/paths.js';

/** pc and q35 with -nodefaults; defaults-pc/-q35 with QEMU's default devices (LPT1, VGA, drive A on pc). */
const BOARDS = ['pc', 'q35', 'defaults-pc', 'defaults-q35'] as const;
const fixture = (board: string, file: string) => readFileSync(join(repoRoot(), `test/fixtures/guest-images/bios-calls-${board}/${file}`), 'latin1');
/** The QEMU options after `qemu-system-x86_64` in cmdline.txt, less the ones only QEMU needs. */
const options = (board: string): string[] => fixture(board, 'cmdline.txt').trim().split(/\s+/).slice(1).filter((a, i, all) => a !== '-display' && all[i - 1] !== '-display');

for (const board of BOARDS) {
  test(`${board}: the BIOS services answer bios-calls.img as SeaBIOS does (COM1 equal to QEMU's)`, async (t) => {
    const r = await fwlabChild(['boot', ...options(board)], 60_000);
    t.is(r.code, 0, r.err);
    const want = fixture(board, 'serial.log');
    t.is(r.out.slice(0, want.length), want);
  });

  testWith(['qemu'])(`${board}: the capture is what the installed QEMU + SeaBIOS print for bios-calls.img today`, (t) => {
    const r = spawnSync('qemu-system-x86_64', ['-no-reboot', ...fixture(board, 'cmdline.txt').trim().split(/\s+/).slice(1)],
      { cwd: repoRoot(), encoding: 'latin1', timeout: 5_000 });
    t.is(r.stdout.slice(0, fixture(board, 'serial.log').length), fixture(board, 'serial.log'));
  });
}
