/**
 * CD-ROMs end to end. guest-images/eltorito-probe.iso (an El Torito no-emulation boot image that prints
 * its entry registers and what int 13h AH=41h/48h/42h/4Bh on its drive returned) booted with
 * `-cdrom ISO -boot d` on pc (IDE secondary master) and q35 (AHCI port 2): COM1 must equal what it
 * printed under QEMU 7.2 + SeaBIOS 1.16.2 (test/fixtures/guest-images/eltorito-probe-*, made by
 * scripts/capture-guest-images.mjs), under fwlab's TypeScript firmware and under Debian's SeaBIOS on
 * fwlab's x86 core. And QEMU's default machine: SeaBIOS on fwlab registers the empty default CD-ROM
 * as on QEMU (test/fixtures/guest-images/seabios-defaults-*) and builds the same e820 map, on q35
 * one page lower than on pc (the CD-ROM's AHCI port structures in ZoneHigh); the TypeScript
 * firmware's map equals it too. `-drive file=ISO,media=cdrom` without an index and with index=3 land
 * where QEMU puts them (test/fixtures/guest-images/cdrom-drives-*).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import { repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';
import { capture, fwlabArgsOf } from '../helpers/guest-captures.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const BOARDS = ['pc', 'q35'] as const;

/** SeaBIOS's drive lines: the IDE and AHCI registrations and the TEST UNIT READY answers. */
const driveLines = (log: readonly string[]): string[] => log.filter((l) => /DVD\/CD|^AHCI\/|^ata\d|MEDIUM NOT PRESENT/.test(l));

/** The last "e820 map has N items:" block of a SeaBIOS-style debug log. */
function e820Block(log: readonly string[]): string[] {
  const start = log.map((l, i) => (/^e820 map has \d+ items:$/.test(l) ? i : -1)).filter((i) => i >= 0).pop();
  if (start === undefined) return [];
  const out: string[] = [];
  for (let i = start + 1; i < log.length && /^\s+\d+: /.test(log[i]!); i++) out.push(log[i]!.trim());
  return out;
}

const lines = (text: string): string[] => text.split(/\r?\n/);

/** Debian's SeaBIOS on fwlab up to its boot stage (its drive lines and e820 map are printed by then). */
function seabiosPost(args: readonly string[]): readonly string[] {
  const m = createMachine(args);
  const booting = () => m.debugConsole.lines.some((l) => l.startsWith('enter handle_19'));
  runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { until: booting, budgetNs: 10e9, noReboot: true });
  m.consoleLines();
  return m.debugConsole.lines;
}

for (const board of BOARDS) {
  const run = `eltorito-probe-${board}`;

  test(`${board}: fwlab's firmware boots the El Torito image from the CD-ROM; COM1 is byte for byte QEMU + SeaBIOS's`, async (t) => {
    const m = createMachine(fwlabArgsOf(run));
    const { report } = await bootMachine(m);
    t.is(report.firmware?.exit.kind, 'x86');
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
    t.true(m.debugConsole.lines.includes('Booting from DVD/CD...'));
  });

  testWith(['seabios'])(`${board}: Debian's SeaBIOS on fwlab boots the same image; COM1 and its drive lines are QEMU's`, (t) => {
    const m = createMachine(fwlabArgsOf(run));
    const r = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
    t.regex(r.exit.kind === 'halt' ? r.exit.reason : '', /^hlt with interrupts disabled at 0000:7d/);
    m.consoleLines();
    const want = driveLines(lines(capture(run, 'debugcon.log')));
    t.true(want.length >= 1);
    t.deepEqual(driveLines(m.debugConsole.lines), want);
    t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
  });

  testWith(['qemu'])(`${board}: the El Torito capture is what the installed QEMU + SeaBIOS print today`, (t) => {
    const args = capture(run, 'cmdline.txt').trim().split(/\s+/).slice(1).map((a) => a.replace(/path=[^,]*debugcon\.log/, 'path=/dev/null'));
    const r = spawnSync('qemu-system-x86_64', args, { cwd: repoRoot(), encoding: 'latin1', timeout: 5_000 });
    t.is(r.stdout.slice(0, capture(run, 'serial.log').length), capture(run, 'serial.log'));
  });

  testWith(['seabios'])(`${board} -m 512M with QEMU's defaults: SeaBIOS on fwlab registers the empty CD-ROM and builds the e820 map as on QEMU`, (t) => {
    const log = seabiosPost(['-machine', board, '-m', '512M']);
    const qemu = lines(capture(`seabios-defaults-${board}`, 'debugcon.log'));
    const registered = (log: readonly string[]): string[] => {
      const all = driveLines(log);
      return all.slice(0, all.findIndex((l) => /0 tries left/.test(l)) + 1);
    };
    t.deepEqual(registered(log), registered(qemu));
    t.deepEqual(e820Block(log), e820Block(qemu));
    // QEMU: RAM up to 0x1ffe0000 on pc, a page lower on q35 (the CD-ROM's command list, FIS area and table).
    t.true(e820Block(qemu).includes(`3: 0000000000100000 - ${board === 'q35' ? '000000001ffdf000' : '000000001ffe0000'} = 1 RAM`));
  });

  test(`${board} -m 512M with QEMU's defaults: fwlab's firmware finds the empty CD-ROM and leaves QEMU + SeaBIOS's e820 map`, async (t) => {
    const m = createMachine(['-machine', board, '-m', '512M']);
    await bootMachine(m);
    const ours = e820Block(m.debugConsole.lines);
    t.true(ours.length > 0);
    t.deepEqual(ours, e820Block(lines(capture(`seabios-defaults-${board}`, 'debugcon.log'))));
    t.true(m.debugConsole.lines.some((l) => /DVD\/CD \[(AHCI\/2|ata1-0): QEMU DVD-ROM ATAPI-4 DVD\/CD\]/.test(l)));
  });
}

for (const board of BOARDS) {
  const run = `cdrom-drives-${board}`;
  testWith(['seabios'])(`${board}: -drive media=cdrom takes the next free index, index=3 its own; SeaBIOS on fwlab finds them where QEMU has them`, (t) => {
    const log = seabiosPost(fwlabArgsOf(run));
    // SeaBIOS probes the drives in threads: the order of its lines is not part of the answer.
    const want = driveLines(lines(capture(run, 'debugcon.log'))).filter((l) => /DVD\/CD \[/.test(l)).sort();
    t.is(want.length, 2);
    t.deepEqual(driveLines(log).filter((l) => /DVD\/CD \[/.test(l)).sort(), want);
  });
}
