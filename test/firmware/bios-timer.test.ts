/**
 * The BIOS timer and reset paths SYSLINUX needs, from x86 code: IRQ 0 counts the BDA tick and
 * calls INT 1Ch once per tick, then sends the EOI so the next tick comes (IBM PC BIOS; SeaBIOS's
 * handle_08); a far jump to F000:FFF0 after POST asks the chipset for a hard reset (SeaBIOS's
 * tryReboot through the 0xCF9 reset control register).
 */
import test from 'ava';
import { boot } from '../../src/machine/create-machine.js';
import { bootSectorDisk } from './helpers/boot-sector-disk.js';

const disk = (program: string): string => bootSectorDisk(program, { cylinders: 4 });

/*
 * org 7C00h: DS=ES=SS=0, SP=7C00h; cli; IVT[1Ch] = handler; word [600h] = 0; dword [604h] = BDA
 * ticks; sti; hlt until word [600h] >= 5; cli; dword [608h] = BDA ticks; hlt.
 * handler: inc word [cs:600h]; iret
 */
const TIMER_HOOK = '31c08ed88ec08ed0bc007cfac7067000397cc70672000000c7060006000066a16c0466a30406fbf4833e00060572f8fa66a16c0466a30806f42eff060006cf';

test('pc: IRQ 0 calls a hooked INT 1Ch once per BDA tick and keeps coming (EOI sent)', async (t) => {
  const { machine: m, report } = await boot(['-machine', 'pc', '-m', '128M', '-nodefaults', '-drive', `file=${disk(TIMER_HOOK)},format=raw,snapshot=on`]);
  t.regex(report.guest?.exit.kind === 'halt' ? report.guest.exit.reason : '', /hlt with interrupts disabled/);
  const w = m.cpu.wire;
  t.is(w.read16(0x600), 5, 'INT 1Ch calls');
  t.is((w.read32(0x608) - w.read32(0x604)) >>> 0, 5, 'BDA ticks counted over the same time');
});

/* org 7C00h: jmp 0F000h:0FFF0h */
const JUMP_TO_RESET_VECTOR = 'eaf0ff00f0';

test('pc: a far jump to the reset vector after POST is a hard reset through 0xCF9', async (t) => {
  const { report } = await boot(['-machine', 'pc', '-m', '128M', '-nodefaults', '-no-reboot', '-drive', `file=${disk(JUMP_TO_RESET_VECTOR)},format=raw,snapshot=on`]);
  t.is(report.guest?.exit.kind, 'halt');
  t.regex(report.guest?.exit.kind === 'halt' ? report.guest.exit.reason : '', /reset requested: hard reset \(0xCF9\)/);
});

test('pc: without -no-reboot the reset restarts the firmware, which boots the disk again, until fwlab calls it a reset loop', async (t) => {
  const { report } = await boot(['-machine', 'pc', '-m', '128M', '-nodefaults', '-drive', `file=${disk(JUMP_TO_RESET_VECTOR)},format=raw,snapshot=on`]);
  t.is(report.guest?.exit.kind, 'halt');
  t.regex(report.guest?.exit.kind === 'halt' ? report.guest.exit.reason : '', /^reset loop \(\d+ resets\)$/);
});
