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
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import { testWith } from '../helpers/reference.js';
import { capture, fwlabArgsOf } from '../helpers/guest-captures.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';

const APM_LOG = /^APM (standby|suspend) request$/;
const apmLines = (lines: readonly string[]) => lines.map((l) => l.replace(/\r$/, '')).filter((l) => APM_LOG.test(l));

for (const board of ['pc', 'q35'] as const) {
  const run = `apm-probe-${board}`;

  test(`${board}: fwlab's firmware answers the APM BIOS calls as SeaBIOS (COM1 equal to QEMU's) and powers off`, async (t) => {
    t.is(capture(run, 'exit.txt'), 'exit status 0\n', 'QEMU powered off');
    t.regex(capture(run, 'serial.log'), /^53\/00 check ax=0102 bx=504D cx=0003 /);
    const m = createMachine(fwlabArgsOf(run));
    await bootMachine(m);
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
    t.true(m.isPoweredOff);
    t.deepEqual(apmLines(m.debugConsole.lines), apmLines(capture(run, 'debugcon.log').split('\n')));
  });

  testWith(['seabios'])(`${board}: Debian's SeaBIOS on fwlab answers the same and powers off`, (t) => {
    const m = createMachine(fwlabArgsOf(run));
    runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
    t.true(m.isPoweredOff);
  });
}
