/**
 * bootindex choosing the boot device. The captures (test/fixtures/guest-images/bootindex-*, made by
 * scripts/capture-guest-images.mjs with QEMU 7.2 + SeaBIOS 1.16.2) give a disk, a floppy and a CD
 * (`-drive if=none` + `-device ide-hd|ide-cd`, the floppy's index through isa-fdc.bootindexA) an order
 * the CMOS order (hard disk first) would not boot; `strict` adds `-boot strict=on` behind an empty
 * floppy drive, so HALT comes before the bootable disk. Under fwlab's TypeScript firmware and under
 * Debian's SeaBIOS on fwlab, COM1 must equal QEMU's and so must the debug console's bootorder lines:
 * the file as read ("boot order:", "N: path"), each "Searching bootorder for:" /
 * "Searching bios-geometry for:" lookup in SeaBIOS's order, "Booting from", "Boot failed", "No
 * bootable device." (but the lookup of genroms/kvmvapic.bin: fwlab's firmware runs no option ROM).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { createMachine } from '../../src/machine/create-machine.js';
import { runRawFirmware } from '../../src/machine/raw-firmware.js';
import { bootMachine } from '../../src/inspect.js';
import { testWith } from '../helpers/reference.js';
import { capture, fwlabArgsOf } from '../helpers/guest-captures.js';

const SEABIOS = '/usr/share/seabios/bios-256k.bin';

const BOOT_LINE = /^(boot order:|\d+: |Searching bootorder for: |Searching bios-geometry for: |Booting from|Boot failed|No bootable device)/;
const bootLines = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/\r$/, '')).filter((l) => BOOT_LINE.test(l) && !l.includes('/rom@'));

const RUNS = [
  { run: 'bootindex-floppy-pc', booted: 'floppy-probe: booted' },
  { run: 'bootindex-floppy-q35', booted: 'floppy-probe: booted' },
  { run: 'bootindex-cd-pc', booted: 'eltorito: entry' },
  { run: 'bootindex-cd-q35', booted: 'eltorito: entry' },
  { run: 'bootindex-nostrict-pc', booted: 'bootsect-hello: booted' },
  { run: 'bootindex-strict-pc', booted: undefined },
] as const;

for (const { run, booted } of RUNS) {
  const want = capture(run, 'serial.log');
  const wantLines = bootLines(capture(run, 'debugcon.log').split('\n'));

  test(`${run}: fwlab's firmware boots ${booted ? `what bootorder names first (${booted})` : 'nothing (HALT)'}; COM1 and the bootorder lines are QEMU + SeaBIOS's`, async (t) => {
    t.is(booted === undefined ? '' : want.slice(0, booted.length), booted ?? '');
    const m = createMachine(fwlabArgsOf(run));
    const { report } = await bootMachine(m);
    t.is(report.firmware?.exit.kind, booted ? 'x86' : 'halt');
    t.is(m.serialPorts[0]!.output, want);
    t.deepEqual(bootLines(m.debugConsole.lines), wantLines);
  });

  testWith(['seabios'])(`${run}: Debian's SeaBIOS on fwlab boots the same; COM1 and the bootorder lines are QEMU's`, (t) => {
    const m = createMachine(fwlabArgsOf(run));
    runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: booted ? 10e9 : 3e9, noReboot: true });
    t.is(m.serialPorts[0]!.output, want);
    t.deepEqual(bootLines(m.debugConsole.lines), wantLines);
  });
}
