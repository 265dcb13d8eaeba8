/**
 * The APM BIOS from x86 code: guest-images/apm-probe.img calls int 15h AX=5300h-5311h and 5380h as an
 * APM driver does (installation check, real-mode / 16-bit / 32-bit connect with the entry points and
 * segment lengths, disconnect, idle, busy, set power state, enable, power status, PM event, driver
 * version, engage, capabilities, the functions SeaBIOS leaves out) and prints the registers each left;
 * last it sets "off" for all devices. COM1 must equal what the image printed under QEMU 7.2 + SeaBIOS
 * 1.16.2 (test/fixtures/guest-images/apm-probe-{pc,q35}, scripts/capture-guest-images.mjs), where QEMU
 * powered off (exit status 0): fwlab's machine must be off too, and its debug console must carry
 * SeaBIOS's "APM standby request" / "APM suspend request" lines. The same under Debian's SeaBIOS on fwlab.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const capture = (run: string, file: string): string => readFileSync(fixturePath('guest-images', run, file), 'latin1');

function fwlabArgs(run: string): string[] {
  const qemu = capture(run, 'cmdline.txt').trim().split(/\s+/).slice(1);
  const out: string[] = [];
  for (let i = 0; i < qemu.length; i++) {
    const a = qemu[i]!;
    if (a === '-display' || a === '-chardev' || (a === '-device' && qemu[i + 1]!.startsWith('isa-debugcon'))) { i++; continue; }
    out.push(a.replace(/(^|=)guest-images\//, `$1${join(repoRoot(), 'guest-images')}/`).replace(/^stdio$/, 'null'));
  }
  return out;
}

const APM_LOG = /^APM (standby|suspend) request$/;
const apmLines = (lines: readonly string[]) => lines.map((l) => l.replace(/\r$/, '')).filter((l) => APM_LOG.test(l));

for (const board of ['pc', 'q35'] as const) {
  const run = `apm-probe-${board}`;

  test(`${board}: fwlab's firmware answers the APM BIOS calls as SeaBIOS (COM1 equal to QEMU's) and powers off`, async (t) => {
    t.is(capture(run, 'exit.txt'), 'exit status 0\n', 'QEMU powered off');
    t.regex(capture(run, 'serial.log'), /^53\/00 check ax=0102 bx=504D cx=0003 /);
    const m = createMachine(fwlabArgs(run));
    await bootMachine(m);
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
    t.true(m.isPoweredOff);
    t.deepEqual(apmLines(m.debugConsole.lines), apmLines(capture(run, 'debugcon.log').split('\n')));
  });

  testWith(['seabios'])(`${board}: Debian's SeaBIOS on fwlab answers the same and powers off`, (t) => {
    const m = createMachine(fwlabArgs(run));
    runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
    t.true(m.isPoweredOff);
  });
}
