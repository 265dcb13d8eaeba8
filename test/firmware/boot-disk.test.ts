/**
 * The TypeScript firmware boots a disk's boot sector on the x86 core and serves int 13h from it.
 * On pc through the IDE model (ATA PIO), on q35 through the ICH9 AHCI model (firmware/bios/ahci.ts).
 * Expected values come from outside: the COM1 text the same image printed under QEMU 7.2 +
 * SeaBIOS 1.16.2 (test/fixtures/guest-images/bootsect-hello-pc and -q35), and SeaBIOS's disk.c results
 * (AH=41h: BX=AA55h CX=0007h AH=30h; AH=08h: last cylinder minus the reserved one, heads-1,
 * sectors per track, DL = hard disk count; invalid CHS: AH=01h with CF) for QEMU's IDE geometry
 * guess of 16 heads × 63 sectors.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot } from '../../src/machine/create-machine.js';
import { bootSectorDisk } from './helpers/boot-sector-disk.js';
import { fwlabChild } from '../aml-suite/fwlab-cli.js';
import { repoRoot } from '../helpers/paths.js';

const FLAGS_CF = 0x0001;

/** pc: the PIIX IDE primary master (ATA PIO); q35: ICH9 AHCI port 0 (the firmware's AHCI driver, DMA). */
const MACHINES = ['pc', 'q35'] as const;

for (const machine of MACHINES) test(`${machine}: fwlab boot of bootsect-hello prints on COM1 what QEMU + SeaBIOS printed, and halts`, async (t) => {
  const img = join(repoRoot(), 'guest-images', 'bootsect-hello.img');
  const r = await fwlabChild(['boot', '-machine', machine, '-m', '128M', '-nodefaults', '-drive', `file=${img},format=raw,snapshot=on`, '-serial', 'stdio'], 60_000);
  t.is(r.code, 0, r.err);
  const expected = readFileSync(join(repoRoot(), `test/fixtures/guest-images/bootsect-hello-${machine}/serial.log`), 'latin1');
  t.is(r.out.slice(0, expected.length), expected);
  t.regex(r.out, /halted \(hlt with interrupts disabled at 0000:7c/);
  t.notRegex(r.err ?? '', /ignored: -drive/);
});

/*
 * Boot sector (nasm, org 7C00h): saves DL at 600h, then for each call FLAGS and the registers at
 * 602h.. : AH=41h BX=55AAh; AH=08h DL=80h; AH=02h AL=1 CX=0002h DX=0080h ES:BX=0:8000h;
 * AH=42h with the packet {10h,0, 1 sector, 0000:8200h, LBA 2}; AH=02h with sector 0 (invalid); cli; hlt.
 */
const PROGRAM = '31c08ed88ec08ed0bc007c88160006b441bbaa55cd139c8f060206a30406891e0606890e0806b408b280cd139c8f060a06a30c06890e0e0689161006b80102b90200ba8000bb0080cd139c8f061206a31406b442b280be7a7ccd139c8f061606a31806b8010231c9ba8000bb0090cd139c8f061a06a31c06faf410000100008200000200000000000000';

for (const machine of MACHINES) test(`${machine}: int 13h AH=41h/08h/02h/42h from x86 code give SeaBIOS results on a 4-cylinder disk`, async (t) => {
  const file = bootSectorDisk(PROGRAM, { cylinders: 4, sectors: ['sector at LBA 1', 'sector at LBA 2'] });
  const { machine: m, report } = await boot(['-machine', machine, '-m', '128M', '-nodefaults', '-drive', `file=${file},format=raw,snapshot=on`]);
  t.is(report.firmware?.exit.kind, 'x86');
  t.regex(report.guest?.exit.kind === 'halt' ? report.guest.exit.reason : '', /hlt with interrupts disabled/);
  const w = m.cpu.wire;
  const r16 = (a: number): number => w.read16(a);
  t.is(w.read8(0x600), 0x80, 'DL at boot');
  t.is(w.read8(0x475), 1, 'BDA hard disk count');
  // AH=41h
  t.is(r16(0x602) & FLAGS_CF, 0);
  t.is(r16(0x604) >> 8, 0x30);
  t.is(r16(0x606), 0xaa55);
  t.is(r16(0x608), 0x0007);
  // AH=08h: CH = 4-2, CL = 63, DH = 15, DL = 1 disk
  t.is(r16(0x60a) & FLAGS_CF, 0);
  t.is(r16(0x60c), 0x0000);
  t.is(r16(0x60e), 0x023f);
  t.is(r16(0x610), 0x0f01);
  // AH=02h: one sector read, AL=1 AH=0
  t.is(r16(0x612) & FLAGS_CF, 0);
  t.is(r16(0x614), 0x0001);
  t.is(Buffer.from(w.readBytes(0x8000, 15)).toString(), 'sector at LBA 1');
  // AH=42h
  t.is(r16(0x616) & FLAGS_CF, 0);
  t.is(r16(0x618) >> 8, 0);
  t.is(Buffer.from(w.readBytes(0x8200, 15)).toString(), 'sector at LBA 2');
  // AH=02h with sector 0: invalid parameter
  t.is(r16(0x61a) & FLAGS_CF, FLAGS_CF);
  t.is(r16(0x61c) >> 8, 0x01);
  // The same image under qemu-system-x86_64 7.2 + SeaBIOS 1.16.2 (-machine pc -m 128M -nodefaults
  // -drive file=IMG,format=raw), QEMU monitor `xp /15hx 0x600` after it halted: FLAGS and registers word for word.
  // -machine q35 (SeaBIOS's AHCI driver) gave the same 15 words.
  const QEMU_SEABIOS = [0x0080, 0x0246, 0x3000, 0xaa55, 0x0007, 0x0246, 0x0000, 0x023f, 0x0f01, 0x0246, 0x0001, 0x0246, 0x0001, 0x0247, 0x0101];
  t.deepEqual(QEMU_SEABIOS.map((_, i) => r16(0x600 + 2 * i)), QEMU_SEABIOS);
});

for (const machine of MACHINES) test(`${machine}: a disk without the 55AAh signature is not booted`, async (t) => {
  const file = bootSectorDisk('', { cylinders: 1, signature: false });
  const { report } = await boot(['-machine', machine, '-m', '128M', '-nodefaults', '-drive', `file=${file},format=raw,snapshot=on`]);
  t.deepEqual(report.firmware?.exit, { kind: 'halt', reason: 'No bootable device.' });
});

/*
 * Boot sector (nasm, org 7C00h): AH=03h writes itself to CHS 0/0/4 (LBA 3); AH=43h writes itself to
 * LBA 5 (packet {10h,0, 1, 0000:7C00h, 5}); AH=01h; AH=15h; AH=48h with a 1Ah-byte buffer at 700h;
 * AH=04h AL=1 CX=1; AH=00h — each leaving FLAGS and AX (15h: also CX, DX) from 600h on; cli; hlt.
 */
const WRITER = '31c08ed88ec08ed0bc007cb80103b90400ba8000bb007ccd139c8f060006a30206b80043b280be917ccd139c8f060406a30606b401b280cd139c8f060806a30a06b415b280cd139c8f060c06a30e06890e100689161206c70600071a00b448b280be0007cd139c8f061406a31606b80104b90100ba8000cd139c8f061806a31a06b400b280cd139c8f061c06a31e06faf410000100007c00000500000000000000';

for (const machine of MACHINES) test(`${machine}: int 13h AH=03h/43h write the image; 01h/15h/48h/04h/00h answer as SeaBIOS does`, async (t) => {
  const file = bootSectorDisk(WRITER, { cylinders: 4 });
  const { machine: m } = await boot(['-machine', machine, '-m', '128M', '-nodefaults', '-drive', `file=${file},format=raw`]);
  const words = (at: number, n: number): number[] => Array.from({ length: n }, (_, i) => m.cpu.wire.read16(at + 2 * i));
  // The same image under qemu-system-x86_64 7.2 + SeaBIOS 1.16.2 (-machine pc -m 128M -nodefaults
  // -drive file=IMG,format=raw), QEMU monitor `xp /16hx 0x600` and `xp /13hx 0x700` after it halted;
  // the same words with -machine q35 (the disk on AHCI port 0).
  t.deepEqual(words(0x600, 16), [0x0246, 0x0001, 0x0246, 0x0000, 0x0246, 0x0000, 0x0246, 0x0300, 0x0000, 0x0bd0, 0x0246, 0x0000, 0x0246, 0x0001, 0x0246, 0x0001]);
  t.deepEqual(words(0x700, 13), [0x001a, 0x0002, 0x0004, 0x0000, 0x0010, 0x0000, 0x003f, 0x0000, 0x0fc0, 0x0000, 0x0000, 0x0000, 0x0200]);
  // Under QEMU the image file then holds the boot sector again at LBA 3 and LBA 5, and LBA 4 stays zero.
  const d = readFileSync(file);
  t.true(d.subarray(3 * 512, 4 * 512).equals(d.subarray(0, 512)));
  t.true(d.subarray(5 * 512, 6 * 512).equals(d.subarray(0, 512)));
  t.true(d.subarray(4 * 512, 5 * 512).every((b) => b === 0));
});
