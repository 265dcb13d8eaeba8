/**
 * `fwlab boot --bios <raw> -serial stdio --until REGEX`: the guest's COM1 bytes reach stdout as they
 * come, and the machine stops once they match (exit 0), or the run ends without a match (exit 1,
 * one line on stderr). The guest is guest-images/bootsect-hello.img under Debian's SeaBIOS, whose COM1
 * text under QEMU 7.2 + SeaBIOS is test/fixtures/guest-images/bootsect-hello-pc/serial.log.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const seabiosTest = testWith(['seabios']);
const ARGS = ['--bios', '/usr/share/seabios/bios-256k.bin', '-machine', 'pc', '-m', '128M', '-nodefaults',
  '-drive', `file=${repoRoot()}/guest-images/bootsect-hello.img,format=raw,snapshot=on`, '-serial', 'stdio'];

function fwlab(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${repoRoot()}/bin/fwlab.js`, 'boot', ...args], { encoding: 'latin1', timeout: 110_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

seabiosTest('--until: stops at the first match of the serial output, exit 0; stdout is QEMU\'s COM1 text up to there', (t) => {
  const r = fwlab([...ARGS, '--until', 'sector 1: .* int 13h']);
  t.is(r.status, 0, r.stderr);
  const qemu = readFileSync(fixturePath('guest-images', 'bootsect-hello-pc', 'serial.log'), 'latin1');
  t.true(r.stdout.includes('sector 1: text from LBA 1 via int 13h AH=42h'));
  t.true(qemu.startsWith(r.stdout), r.stdout);
  t.false(r.stdout.includes('Boot report'), 'no report after a match');
});

seabiosTest('--until: no match before the guest stops is exit 1 with one line on stderr', (t) => {
  const r = fwlab([...ARGS, '--until', 'never printed']);
  t.is(r.status, 1);
  t.regex(r.stderr.trim(), /^fwlab: warning: --until never printed: no match before the run ended at virtual time [\d.]+ ms \(hlt with interrupts disabled at 0000:7c[0-9a-f]+\)$/);
});
