/**
 * QEMU's default machine under Debian's SeaBIOS, on fwlab: the std VGA's ROM BAR holds Debian's
 * vgabios-stdvga.bin, which runs on fwlab's VGA registers and Bochs VBE interface; the default NIC's
 * iPXE ROM and kvmvapic.bin run too; the boot sector prints through the VGA BIOS. SeaBIOS's whole
 * debug console log and the text screen at 0xB8000 (read through the VGA's planes, as QEMU's
 * pmemsave read it) equal the captures of QEMU 7.2 (test/fixtures/guest-images/seabios-vga-*,
 * scripts/capture-guest-images.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
/** The ROMs QEMU's default pc and q35 load: Debian's seabios, ipxe-qemu and qemu-system-data packages. */
const ROMS = ['/usr/share/seabios/vgabios-stdvga.bin', '/usr/lib/ipxe/qemu/efi-e1000.rom', '/usr/lib/ipxe/qemu/efi-e1000e.rom', '/usr/share/qemu/kvmvapic.bin'];

for (const board of ['pc', 'q35']) {
  testWith(['seabios', 'qemu-roms'])(`${board} defaults: SeaBIOS runs the VGA BIOS, iPXE and kvmvapic; its debug console and the text screen equal QEMU's`, (t) => {
    const missing = ROMS.filter((r) => !existsSync(r));
    if (missing.length) {
      t.fail(`option ROMs not installed: ${missing.join(', ')} (apt-get install seabios ipxe-qemu qemu-system-data)`);
      return;
    }
    const image = `${repoRoot()}/guest-images/bootsect-hello.img`;
    const m = createMachine(['-machine', board, '-m', '512M', '-drive', `file=${image},format=raw,snapshot=on`, '-serial', 'null']);
    const run = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
    t.regex(run.exit.kind === 'halt' ? run.exit.reason : '', /^hlt with interrupts disabled at 0000:7c/);
    m.consoleLines();
    const dir = fixturePath('guest-images', `seabios-vga-${board}`);
    const captured = readFileSync(`${dir}/debugcon.log`, 'latin1').replace(/\r/g, '').split('\n');
    if (captured.at(-1) === '') captured.pop();
    t.deepEqual(m.debugConsole.lines, captured);
    const screen = new Uint8Array(4000);
    for (let i = 0; i < screen.length; i++) screen[i] = m.memory.read(0xb8000 + i, 1);
    const expected = new Uint8Array(readFileSync(`${dir}/screen.bin`));
    const rows = (b: Uint8Array) => Array.from({ length: 25 }, (_, r) => Buffer.from(b.subarray(r * 160, r * 160 + 160)).toString('hex'));
    t.deepEqual(rows(screen), rows(expected));
  });
}
