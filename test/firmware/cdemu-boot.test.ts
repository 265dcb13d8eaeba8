/**
 * El Torito floppy and hard-disk emulation end to end. guest-images/cdemu-floppy.iso (floppy-probe.img
 * as a 1.44 MB diskette image: drive 00h) and cdemu-hd.iso (a hard-disk image with its geometry in its
 * MBR's partition table: drive 80h, the real disk bootsect-hello.img moved to 81h; int 13h on the
 * emulated drive, on the drives around it, 4B01h/4B00h) booted with `-cdrom ISO -boot d` on pc (IDE)
 * and q35 (AHCI): COM1 must equal what they printed under QEMU 7.2 + SeaBIOS 1.16.2
 * (test/fixtures/guest-images/cdemu-*, made by scripts/capture-guest-images.mjs), under fwlab's
 * TypeScript firmware and under Debian's SeaBIOS on fwlab's x86 core.
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

for (const board of ['pc', 'q35'] as const) {
  for (const kind of ['floppy', 'hd'] as const) {
    const run = `cdemu-${kind}-${board}`;
    const drive = kind === 'floppy' ? '00' : '80';

    test(`${board}: fwlab's firmware boots the ${kind} emulation image as drive ${drive}h; COM1 is byte for byte QEMU + SeaBIOS's`, async (t) => {
      const m = createMachine(fwlabArgsOf(run));
      const { report } = await bootMachine(m);
      t.is(report.firmware?.exit.kind, 'x86');
      const want = capture(run, 'serial.log');
      t.regex(want, new RegExp(`booted, dl=${drive}`));
      t.is(m.serialPorts[0]!.output, want);
    });

    testWith(['seabios'])(`${board}: Debian's SeaBIOS on fwlab boots the same ${kind} emulation image; COM1 is QEMU's`, (t) => {
      const m = createMachine(fwlabArgsOf(run));
      const r = runRawFirmware(m, SEABIOS, new Uint8Array(readFileSync(SEABIOS)), { budgetNs: 10e9, noReboot: true });
      t.is(r.exit.kind, 'halt');
      t.is(m.serialPorts[0]!.output, capture(run, 'serial.log'));
    });

    testWith(['qemu'])(`${board}: the ${kind} emulation capture is what the installed QEMU + SeaBIOS print today`, (t) => {
      const args = capture(run, 'cmdline.txt').trim().split(/\s+/).slice(1).map((a) => a.replace(/path=[^,]*debugcon\.log/, 'path=/dev/null'));
      const r = spawnSync('qemu-system-x86_64', args, { cwd: repoRoot(), encoding: 'latin1', timeout: 5_000 });
      t.is(r.stdout.slice(0, capture(run, 'serial.log').length), capture(run, 'serial.log'));
    });
  }
}
