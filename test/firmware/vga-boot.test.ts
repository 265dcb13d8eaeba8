/**
 * The VGA state a boot sector finds: guest-images/vga-probe.img reads back the std VGA's misc,
 * sequencer, graphics, CRTC and attribute registers, the DAC's first 16 colours and the BIOS data
 * area's video bytes. Under QEMU 7.2 + SeaBIOS 1.16.2 (vgabios-stdvga.bin set text mode 3;
 * test/fixtures/guest-images/vga-probe-*, scripts/capture-guest-images.mjs) and under Debian's
 * SeaBIOS on fwlab (the same VGA BIOS on fwlab's VGA) COM1 is equal byte for byte; under fwlab's
 * TypeScript firmware (its mode 3 stand-in, firmware/bios/vga-mode3.ts) everything is equal but the
 * cursor, which sits where each firmware's own screen text left it.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';
const args = (board: string) => ['-machine', board, '-m', '128M', '-nodefaults', '-device', 'VGA',
  '-drive', `file=${repoRoot()}/guest-images/vga-probe.img,format=raw,snapshot=on`, '-serial', 'null'];
const captured = (board: string) => readFileSync(fixturePath('guest-images', `vga-probe-${board}`, 'serial.log'), 'latin1');

/** The probe's report without the cursor: CR0E/CR0F (fields 15 and 16 of the cr line) and the BDA's page-0 position. */
function withoutCursor(report: string): string {
  return report.replace(/^(cr(?: \w\w){14}) \w\w \w\w/m, '$1 -- --').replace(/^(bda(?: \w\w){7}) \w\w \w\w/m, '$1 -- --');
}

for (const board of ['pc', 'q35']) {
  test(`${board}: fwlab's firmware hands over the VGA in QEMU + SeaBIOS's text mode 3 (all but the cursor)`, async (t) => {
    const m = createMachine(args(board));
    const { report } = await bootMachine(m);
    t.is(report.firmware?.exit.kind, 'x86');
    const com1 = m.serialPorts[0]!.output;
    t.regex(com1, /vga-probe: done/);
    t.is(withoutCursor(com1), withoutCursor(captured(board)));
    t.not(withoutCursor(captured(board)), captured(board), 'the cursor fields were masked');
  });

  testWith(['seabios'])(`${board}: Debian's SeaBIOS and VGA BIOS on fwlab leave the VGA exactly as on QEMU`, (t) => {
    const m = createMachine(args(board));
    runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
    t.is(m.serialPorts[0]!.output, captured(board));
  });
}
