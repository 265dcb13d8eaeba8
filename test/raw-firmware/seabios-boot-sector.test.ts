/**
 * Debian's SeaBIOS boots guest-images/bootsect-hello.img from fwlab's IDE disk (ATA PIO) on pc, and
 * the boot sector prints on COM1 exactly what it printed under QEMU 7.2 + SeaBIOS with the same
 * options (test/fixtures/guest-images/bootsect-hello-pc/serial.log): its int 13h LBA read and the
 * E820 map SeaBIOS built from fwlab's fw_cfg. The same on q35 through the ICH9 AHCI controller
 * (bootsect-hello-q35: SeaBIOS's AHCI driver, DMA reads through the PRDT).
 */
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import test from 'ava';
import { testWith } from '../helpers/reference.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const seabiosTest = testWith(['seabios']);

seabiosTest('pc: SeaBIOS boots the boot sector from the IDE disk; COM1 shows what QEMU showed', (t) => {
  const image = `${repoRoot()}/guest-images/bootsect-hello.img`;
  // The capture ran with QEMU's default 128 MiB (fwlab's default is 512 MiB, decision 0002).
  const m = createMachine(['-machine', 'pc', '-m', '128M', '-nodefaults', '-drive', `file=${image},format=raw,snapshot=on`, '-serial', 'null']);
  const run = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
  t.regex(run.exit.kind === 'halt' ? run.exit.reason : '', /^hlt with interrupts disabled at 0000:7c/);
  m.consoleLines();
  t.true(m.debugConsole.lines.includes('Booting from 0000:7c00'));
  const expected = readFileSync(fixturePath('guest-images', 'bootsect-hello-pc', 'serial.log'), 'latin1');
  t.is(m.serialPorts[0]!.output.replace(/\r\n/g, '\n'), expected.replace(/\r\n/g, '\n'));
});

seabiosTest('q35: SeaBIOS finds the disk on the ICH9 AHCI port 0 and boots it; COM1 and its AHCI lines show what QEMU showed', (t) => {
  const image = `${repoRoot()}/guest-images/bootsect-hello.img`;
  const m = createMachine(['-machine', 'q35', '-m', '128M', '-nodefaults', '-drive', `file=${image},format=raw,snapshot=on`, '-serial', 'null']);
  const run = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
  t.regex(run.exit.kind === 'halt' ? run.exit.reason : '', /^hlt with interrupts disabled at 0000:7c/);
  m.consoleLines();
  // SeaBIOS's AHCI probe: IDENTIFY PACKET aborted, IDENTIFY, SET FEATURES (UDMA-5), the drive registered.
  const ahci = (lines: readonly string[]): string[] => lines.filter((l) => /AHCI|^drive 0x|1f,2/.test(l));
  const captured = readFileSync(fixturePath('guest-images', 'bootsect-hello-q35', 'debugcon.log'), 'latin1').split(/\r?\n/);
  t.true(ahci(captured).length >= 5);
  t.deepEqual(ahci(m.debugConsole.lines), ahci(captured));
  t.true(m.debugConsole.lines.includes('Booting from 0000:7c00'));
  const expected = readFileSync(fixturePath('guest-images', 'bootsect-hello-q35', 'serial.log'), 'latin1');
  t.is(m.serialPorts[0]!.output.replace(/\r\n/g, '\n'), expected.replace(/\r\n/g, '\n'));
});

test('a missing -drive image is a one-line usage error', (t) => {
  t.throws(() => createMachine(['-machine', 'pc', '-drive', 'file=/nonexistent/disk.img,format=raw']), {
    name: 'UsageError', message: "-drive file=/nonexistent/disk.img: Could not open '/nonexistent/disk.img': No such file or directory",
  });
});
