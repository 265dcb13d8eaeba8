/**
 * `-kernel` with a Linux bzImage through the TypeScript firmware (firmware/boot/linux.ts): the
 * 16-bit setup entry as linuxboot_dma.bin leaves it, the BIOS services Linux's setup calls from x86
 * code (int 12h, int 15h E801/88h/2401h/E820), the header QEMU rewrote, the initrd placement, and
 * the 32-bit protected-mode kernel's view of boot_params. Expected: what guest-images/bzimage-probe.bin
 * printed under QEMU 7.2 + SeaBIOS 1.16.2 (test/fixtures/guest-images/bzimage-probe-*), live when
 * qemu-system-x86_64 is installed.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootMachine, createMachine } from '../../src/inspect.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

const capture = (run: string, file: string): string => readFileSync(fixturePath('guest-images', run, file), 'latin1');
const RUNS = ['bzimage-probe-pc', 'bzimage-probe-initrd-q35', 'bzimage-probe-initrd-pc-1g', 'bzimage-probe-int10-pc', 'bzimage-probe-defaults-q35'];

/** A captured command line's arguments: words, '…' quoting as scripts/capture-guest-images.mjs writes it. */
function words(cmdline: string): string[] {
  return [...cmdline.trim().matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
}

/** fwlab takes QEMU's arguments; paths from the repository root, COM1 kept in the report (not stdout). */
function fwlabArgs(qemu: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < qemu.length; i++) {
    const a = qemu[i]!;
    if (a === '-display') { i++; continue; }
    out.push(a.startsWith('guest-images/') ? join(repoRoot(), a) : a === 'stdio' ? 'null' : a);
  }
  return out;
}

/**
 * With a VGA card SeaBIOS and iPXE have written 8 lines on the screen before the kernel runs
 * (int 10h AH=03h: cursor row 8); fwlab's firmware writes nothing there (row 0). The rest of the
 * video answers (AH=0Fh, 12h BL=10h, 1A00h) and the BDA fields must be SeaVGABIOS's.
 */
const CURSOR_QEMU = /^int 10h 03 ax=0300 bx=0000 cx=0607 dx=0800 cf=00\r$/m;
const CURSOR_FWLAB = 'int 10h 03 ax=0300 bx=0000 cx=0607 dx=0000 cf=00\r';
/** The capture with fwlab's cursor row; the APM BIOS's answer (int 15h 5300h) is SeaBIOS's (firmware/bios/apm.ts). */
const withFwlabCursor = (qemu: string): string => qemu.replace(CURSOR_QEMU, CURSOR_FWLAB);

for (const run of RUNS) {
  test(`${run}: fwlab's firmware boots the bzImage probe; COM1 is byte for byte what QEMU + SeaBIOS + linuxboot_dma printed (the cursor row after SeaBIOS's screen output aside)`, async (t) => {
    const m = createMachine(fwlabArgs(words(capture(run, 'cmdline.txt'))));
    const { report } = await bootMachine(m);
    t.is(report.firmware?.exit.kind, 'x86');
    t.is(m.serialPorts[0]!.output, withFwlabCursor(capture(run, 'serial.log')));
    t.deepEqual(report.sections['isa-debug-exit 0xf4'], { exitStatus: 1 });
    t.is(capture(run, 'exit.txt').trim(), 'exit status 1');
    t.regex(report.guest?.exit.kind === 'halt' ? report.guest.exit.reason : '', /hlt with interrupts disabled at 0010:/);
  });
}

test('the captures show what the firmware must reproduce: the entry registers, QEMU\'s header edits, the moved initrd', (t) => {
  const pc = capture('bzimage-probe-pc', 'serial.log');
  // linuxboot_dma: CS = setup segment + 20h, the data segments and SS the setup segment, SP 16 bytes below the command line, IF clear.
  t.regex(pc, /^entry cs=1020 ds=1000 es=1000 fs=1000 gs=1000 ss=1000 sp=fff0 if=0000\r?$/m);
  t.regex(pc, /^hdr type_of_loader=b0 loadflags=81 heap_end_ptr=fe00 cmd_line_ptr=00020000 ramdisk_image=00000000 ramdisk_size=00000000\r?$/m);
  t.regex(pc, /^cmdline console=ttyS0 fwlab=probe\r?$/m);
  // q35 -m 256M: QEMU put the 512-byte initrd below 256 MiB - 0x28000; linuxboot_dma moved it under the E801 top (0x0ffe0000).
  const q35 = capture('bzimage-probe-initrd-q35', 'serial.log');
  t.regex(q35, /ramdisk_image=0ffdf000 ramdisk_size=00000200/);
  // pc -m 1G: below initrd_addr_max (0x37ffffff) and on its last page: not moved.
  t.regex(capture('bzimage-probe-initrd-pc-1g', 'serial.log'), /ramdisk_image=37fff000 ramdisk_size=00000200/);
  const img = readFileSync(join(repoRoot(), 'guest-images', 'bench-loop.img'));
  // SeaVGABIOS's answers to the calls of Linux's set_video (vga_probe: VGA, colour, 256 KiB).
  const vga = capture('bzimage-probe-int10-pc', 'serial.log');
  t.regex(vga, /^int 10h 0f ax=5003 bx=0000 /m);
  t.regex(vga, /^int 10h 1a00 ax=1a1a bx=0008 /m);
  t.regex(vga, /^bda mode=03 cols=0050 rows-1=18 char_height=0010 crtc=03d4\r$/m);
  t.regex(q35, new RegExp(`^initrd first/last dword ${img.readUInt32LE(0).toString(16).padStart(8, '0')} ${img.readUInt32LE(508).toString(16).padStart(8, '0')}\\r?$`, 'm'));
});

testWith(['qemu'])('bzimage-probe-pc live: the installed QEMU + SeaBIOS prints what fwlab prints', async (t) => {
  const args = words(capture('bzimage-probe-pc', 'cmdline.txt'));
  const q = spawnSync('qemu-system-x86_64', args, { cwd: repoRoot(), encoding: 'latin1', timeout: 30_000 });
  t.is(q.status, 1, q.stderr);
  const m = createMachine(fwlabArgs(args));
  await bootMachine(m);
  t.is(m.serialPorts[0]!.output, withFwlabCursor(q.stdout));
});
