/**
 * Floppies end to end. guest-images/floppy-probe.img (a 1.44 MB image whose boot sector reads its
 * sectors 2-3 through int 13h AH=02h from drive 00h; they call the diskette services and print each
 * result and the BDA's diskette bytes) as `-fda` on pc and on q35 (where QEMU 7.2 adds an isa-fdc
 * for it): COM1 must equal what it printed under QEMU 7.2 + SeaBIOS 1.16.2
 * (test/fixtures/guest-images/floppy-probe-*, made by scripts/capture-guest-images.mjs), under
 * fwlab's TypeScript firmware and under Debian's SeaBIOS on fwlab's x86 core; read-only media make
 * its write fail as QEMU's do; the CMOS order boots the hard disk before the floppy and `-boot a`
 * the floppy first. -snapshot keeps the image file as it was, without it the write reaches the
 * file. And Debian's SYSLINUX on a floppy reaches its `boot:` prompt as on QEMU; on QEMU's default pc
 * (an empty drive A) Debian's SeaBIOS on fwlab logs the same failed floppy read as on QEMU.
 */
import test from 'ava';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { capture, fwlabArgsOf } from '../helpers/guest-captures.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const PROBE = join(repoRoot(), 'guest-images/floppy-probe.img');
const sha1 = (file: string): string => createHash('sha1').update(readFileSync(file)).digest('hex');

async function fwlabCom1(args: readonly string[]): Promise<{ com1: string; log: readonly string[]; exit: string | undefined }> {
  const m = createMachine(args);
  const { report } = await bootMachine(m);
  return { com1: m.serialPorts[0]!.output, log: m.debugConsole.lines, exit: report.firmware?.exit.kind };
}

for (const run of ['floppy-probe-pc', 'floppy-probe-q35', 'floppy-probe-readonly-pc', 'floppy-probe-order-a-pc', 'floppy-probe-order-c-pc']) {
  test(`${run}: fwlab's firmware boots it; COM1 is byte for byte QEMU + SeaBIOS's`, async (t) => {
    const before = sha1(PROBE);
    const r = await fwlabCom1(fwlabArgsOf(run));
    t.is(r.exit, 'x86');
    t.is(r.com1, capture(run, 'serial.log'));
    t.is(r.log.includes('Booting from Floppy...'), !run.includes('order-c'));
    t.is(sha1(PROBE), before, 'the image file is untouched (-snapshot, readonly=on)');
  });
}

for (const run of ['floppy-probe-pc', 'floppy-probe-q35', 'floppy-probe-readonly-pc']) {
  testWith(['seabios'])(`${run}: Debian's SeaBIOS on fwlab boots the same image; COM1 is QEMU's`, (t) => {
    const m = createMachine(fwlabArgsOf(run));
    const r = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
    t.regex(r.exit.kind === 'halt' ? r.exit.reason : '', /^hlt with interrupts disabled at 0000:7f/);
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
  });
}

testWith(['qemu'])('floppy-probe-pc: the capture is what the installed QEMU + SeaBIOS print today', (t) => {
  const args = capture('floppy-probe-pc', 'cmdline.txt').trim().split(/\s+/).slice(1);
  const r = spawnSync('qemu-system-x86_64', args, { cwd: repoRoot(), encoding: 'latin1', timeout: 5000, killSignal: 'SIGTERM' });
  t.is(r.stdout, capture('floppy-probe-pc', 'serial.log'));
});

test('without -snapshot the probe\'s write reaches the image file: its last sector holds the boot sector', async (t) => {
  const img = join(mkdtempSync(join(tmpdir(), 'fwlab-floppy-')), 'probe.img');
  copyFileSync(PROBE, img);
  const r = await fwlabCom1(['-machine', 'pc', '-m', '128M', '-nodefaults', '-drive', `file=${img},if=floppy,format=raw`, '-serial', 'null']);
  t.true(r.com1.includes('floppy-probe: done'));
  const data = readFileSync(img);
  const probe = readFileSync(PROBE);
  t.deepEqual(data.subarray(2879 * 512), probe.subarray(0, 512));
  t.deepEqual(data.subarray(0, 2879 * 512), probe.subarray(0, 2879 * 512));
});

test('QEMU\'s default empty drive A on pc: the firmware tries it, fails as SeaBIOS on QEMU does, and hands over as with no boot device', async (t) => {
  const r = await fwlabCom1(['-machine', 'pc', '-m', '128M']);
  t.is(r.exit, 'handover');
  t.deepEqual(floppyBootLines(r.log), floppyBootLines(capture('seabios-defaults-pc', 'debugcon.log').split(/\r?\n/)));
});

function buildSyslinux(): string {
  const img = join(mkdtempSync(join(tmpdir(), 'fwlab-syslinux-')), 'syslinux.img');
  const r = spawnSync('bash', [join(repoRoot(), 'scripts/build-syslinux-image.sh'), img], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-syslinux-image.sh: ${r.stderr}`);
  return img;
}

/** SYSLINUX prints the same banner and prompt from a floppy as from the IDE disk (QEMU: test/fixtures/guest-images/syslinux-pc). */
const syslinuxCapture = () => readFileSync(fixturePath('guest-images', 'syslinux-pc', 'serial.log'), 'latin1');

testWith(['syslinux'])('pc: SYSLINUX from a floppy (-fda) boots to its prompt, times out, reboots; COM1 as QEMU + SeaBIOS', async (t) => {
  const img = buildSyslinux();
  const r = await fwlabChild(['boot', '-machine', 'pc', '-m', '128M', '-nodefaults', '-no-reboot', '-drive', `file=${img},if=floppy,format=raw`, '-serial', 'stdio'], 120_000);
  t.is(r.code, 0, r.err);
  const want = syslinuxCapture();
  t.is(r.out.slice(0, want.length), want);
  t.regex(r.out, /reset requested: hard reset \(0xCF9\)/);
});

testWith(['syslinux', 'qemu'])('pc: QEMU + SeaBIOS print the same for SYSLINUX on a floppy as on the IDE disk', (t) => {
  const img = buildSyslinux();
  const r = spawnSync('qemu-system-x86_64', ['-machine', 'pc', '-nodefaults', '-m', '128M', '-display', 'none', '-no-reboot',
    '-drive', `file=${img},if=floppy,format=raw`, '-serial', 'stdio'], { encoding: 'latin1', timeout: 60_000 });
  t.is(r.status, 0);
  t.is(r.stdout, syslinuxCapture());
});

/** The lines from "Booting from Floppy..." to its "Boot failed" of a SeaBIOS debug log. */
function floppyBootLines(log: readonly string[]): string[] {
  const i = log.indexOf('Booting from Floppy...');
  if (i < 0) return [];
  const j = log.findIndex((l, k) => k > i && l.startsWith('Boot failed'));
  return log.slice(i, j + 1);
}

testWith(['seabios'])('QEMU\'s default pc: Debian\'s SeaBIOS on fwlab reads the empty drive A and reports the controller\'s result bytes as on QEMU', (t) => {
  const m = createMachine(['-machine', 'pc', '-m', '512M', '-serial', 'none']);
  const done = () => m.debugConsole.lines.some((l) => l.startsWith('Boot failed: Could not read from CDROM'));
  runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { until: done, budgetNs: 20e9, noReboot: true });
  m.consoleLines();
  const want = floppyBootLines(capture('seabios-defaults-pc', 'debugcon.log').split(/\r?\n/));
  t.deepEqual(want, ['Booting from Floppy...', 'floppy error: 40 00 00 00 00 01 02', 'Boot failed: could not read the boot disk']);
  t.deepEqual(floppyBootLines(m.debugConsole.lines), want);
});
