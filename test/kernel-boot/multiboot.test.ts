/**
 * `-kernel` with a multiboot v1 image through the TypeScript firmware (firmware/boot/multiboot.ts).
 * Expected values come from outside: the COM1 text of guest-images/mb-vmgenid-probe.elf under
 * QEMU 7.2 + SeaBIOS 1.16.2 + multiboot_dma.bin (test/fixtures/guest-images/mb-vmgenid-probe-*),
 * the E820 map SeaBIOS gave a boot sector on the same machine (bootsect-hello-*), multiboot.S's
 * rules (mem_lower = int 12h, mem_upper = RAM contiguous from 1 MiB, 20-byte mmap entries) and the
 * multiboot spec 0.6.96 §3.2 (EAX = 2BADB002h, EBX = the info structure, flat 32-bit segments, PE set).
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootMachine, createMachine } from '../../src/inspect.js';
import type { Machine } from '../../src/inspect.js';
import { MonitorSession } from '../../src/tools/monitor/monitor-session.js';
import { scheduleQmp } from '../../src/tools/monitor/monitor-at.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const PROBE = join(repoRoot(), 'guest-images', 'mb-vmgenid-probe.elf');
const capture = (run: string, file: string): string => readFileSync(fixturePath('guest-images', run, file), 'latin1');
const lines = (text: string): string[] => text.split(/\r?\n/).filter((l) => l !== '');
const MS = 1e6;

/** The arguments of a captured `qemu-system-x86_64 ...` line (fwlab takes the same; COM1 kept in the report, not on stdout). */
function qemuArgs(cmdline: string): string[] {
  const line = cmdline.split('\n').find((l) => l.startsWith('qemu-system-x86_64 ') && !l.includes('-incoming'))!;
  const dropped = ['-display', '-qmp'];
  return line.split(' ').slice(1).filter((a, i, all) => !dropped.includes(a) && !dropped.includes(all[i - 1]!))
    .map((a) => (a === 'guest-images/mb-vmgenid-probe.elf' ? PROBE : a === 'stdio' ? 'null' : a));
}

/** 'q' on COM1 ends the probe (its source): it prints its exit line and writes isa-debug-exit. */
function quitAt(m: Machine, ns: number): void {
  m.clock.schedule(ns, () => m.serialPorts[0]!.uart!.receive([0x71]));
}

/**
 * SeaBIOS installs the SMBIOS entry point in the F-segment before the RSDP, which it moves from
 * fwlab's 0xF5FE0 down to 0xF59D0 / 0xF59E0 (docs/status/qemu-parity.md): the one line that may
 * differ, and then only in that address, which must be where fwlab's firmware put the RSDP.
 */
function compareProbe(t: import('ava').ExecutionContext, fwlab: string, qemu: string, m: Machine): void {
  const [ours, theirs] = [lines(fwlab), lines(qemu)];
  t.is(ours.length, theirs.length, fwlab);
  const rsdp = m.debugConsole.lines.find((l) => l.startsWith('ACPI: RSDP at '));
  ours.forEach((l, i) => {
    if (theirs[i]?.startsWith('rsdp ')) {
      t.regex(l, /^rsdp 000f5[0-9a-f]{3}$/);
      t.is(`ACPI: RSDP at 0x${l.slice(5).replace(/^0+/, '')}`, rsdp?.split(',')[0] ?? '');
    } else t.is(l as string | undefined, theirs[i]);
  });
}

for (const board of ['pc', 'q35'] as const) {
  const run = `mb-vmgenid-probe-${board}`;
  test(`${board}: the multiboot probe prints on COM1 what it printed under QEMU + SeaBIOS, and leaves through isa-debug-exit`, async (t) => {
    const m = createMachine(qemuArgs(capture(run, 'cmdline.txt')));
    quitAt(m, 300 * MS);
    const { report } = await bootMachine(m);
    t.is(report.firmware?.exit.kind, 'x86');
    compareProbe(t, m.serialPorts[0]!.output, capture(run, 'serial.log'), m);
    t.deepEqual(report.sections['isa-debug-exit 0xf4'], { exitStatus: 1 });
    t.is(capture(run, 'exit.txt').trim(), 'exit status 1');
  });
}

for (const board of ['pc', 'q35'] as const) {
  const run = `mb-vmgenid-probe-qmp-${board}`;
  test(`${board}: set-vm-generation-id while the probe polls: it prints the new GUID as after QEMU's migration`, async (t) => {
    const cmdline = capture(run, 'cmdline.txt');
    const [dst, src] = [...cmdline.matchAll(/vmgenid,guid=([0-9a-f-]{36})/g)].map((x) => x[1]!);
    const m = createMachine(qemuArgs(cmdline));
    const session = new MonitorSession(m, {});
    const replies: unknown[] = [];
    await scheduleQmp(m, session, [{ atNs: 200 * MS, command: { execute: 'set-vm-generation-id', arguments: { guid: dst } }, text: '' }],
      (_e, reply) => replies.push(reply));
    quitAt(m, 400 * MS);
    await bootMachine(m);
    await new Promise((r) => setImmediate(r));
    t.deepEqual(replies, [{ return: { guid: dst, guestConsole: [] } }]);
    // The source printed up to its GUID, the destination the new GUID and the exit line.
    compareProbe(t, m.serialPorts[0]!.output, capture(run, 'serial-source.log') + capture(run, 'serial-destination.log'), m);
    t.is(m.vmgenid?.guid, dst);
    t.not(src, dst);
  });
}

/** `e820 BASE LENGTH TYPE` lines a boot sector printed under QEMU 7.2 + SeaBIOS on the same machine. */
function capturedE820(board: string): { base: bigint; length: bigint; type: number }[] {
  return lines(capture(`bootsect-hello-${board}`, 'serial.log')).filter((l) => l.startsWith('e820 ')).map((l) => {
    const [, b, n, ty] = l.split(' ');
    return { base: BigInt('0x' + b), length: BigInt('0x' + n), type: parseInt(ty!, 16) };
  });
}

/*
 * A multiboot kernel with the a.out kludge (header flag 16), loaded at 1 MiB, entry at +20h: it
 * stores EAX, EBX, ECX, ESP, CR0, CS, DS, SS and EFLAGS at 500h.. and halts.
 */
const ENTRY_PROBE = [
  '02b0ad1b', '00000100', 'fe4f51e4', // magic, flags (bit 16), checksum
  '00001000', '00001000', '00000000', '00000000', '20001000', // header, load, load_end, bss_end, entry
].join('') + [
  'a300050000', '891d04050000', '890d08050000', '89250c050000', // mov [500h],eax; [504h],ebx; [508h],ecx; [50Ch],esp
  '0f20c0', 'a310050000', // mov eax,cr0; mov [510h],eax
  '668cc8', '66a314050000', '668cd8', '66a316050000', '668cd0', '66a318050000', // cs, ds, ss → 514h, 516h, 518h
  '9c58', 'a31c050000', 'faf4', // pushfd; pop eax; mov [51Ch],eax; cli; hlt
].join('');

test('pc: the multiboot entry state and info structure are what multiboot.S leaves (E820 as SeaBIOS gives it)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-mb-'));
  const file = join(dir, 'entry.bin');
  writeFileSync(file, Buffer.from(ENTRY_PROBE, 'hex'));
  const mods = [Buffer.from('first module\n'), Buffer.alloc(5000, 0xa5)];
  mods.forEach((b, i) => writeFileSync(join(dir, `mod${i}`), b));
  const m = createMachine(['-machine', 'pc', '-m', '128M', '-nodefaults', '-kernel', file, '-append', 'x=1',
    '-initrd', `${join(dir, 'mod0')} one two,${join(dir, 'mod1')}`]);
  const { report } = await bootMachine(m);
  t.regex(report.guest?.exit.kind === 'halt' ? report.guest.exit.reason : '', /hlt with interrupts disabled at 0008:/);
  const w = m.cpu.wire;
  const mbi = w.read32(0x504) >>> 0;
  t.is(w.read32(0x500) >>> 0, 0x2badb002);
  t.is(mbi, 0x9500, 'QEMU puts the info structure at 0x9500');
  t.is(w.read32(0x508) >>> 0, 0x100020, 'ECX: the entry point multiboot.S jumps through');
  t.is(w.read32(0x510) & 0x80000001, 1, 'CR0: PE set, paging off');
  t.deepEqual([w.read16(0x514), w.read16(0x516), w.read16(0x518)], [0x08, 0x10, 0x10]);
  t.is(w.read32(0x51c) & 0x20200, 0, 'IF and VM clear');
  // The info structure: flags as QEMU built them, mem_lower from int 12h, the mmap from E820.
  t.is(w.read32(mbi) >>> 0, 0x24f);
  t.is(w.read32(mbi + 4), 639);
  const e820 = capturedE820('pc');
  const mmapAddr = w.read32(mbi + 48) >>> 0;
  t.is(mmapAddr, 0x9000);
  t.is(w.read32(mbi + 44), e820.length * 24);
  const mmap = e820.map((_, i) => {
    const at = mmapAddr + i * 24;
    t.is(w.read32(at), 20);
    return { base: w.read64(at + 4), length: w.read64(at + 12), type: w.read32(at + 20) };
  });
  t.deepEqual(mmap, e820);
  const ram1m = e820.find((e) => e.type === 1 && e.base === 0x100000n)!;
  t.is(w.read32(mbi + 8), Number(ram1m.length) / 1024, 'mem_upper: KiB from 1 MiB to the first hole');
  const cstr = (at: number): string => {
    const b = w.readBytes(at >>> 0, 256);
    return Buffer.from(b.subarray(0, b.indexOf(0))).toString();
  };
  t.is(cstr(w.read32(mbi + 16)), `${file} x=1`);
  // -initrd a,b: modules (multiboot spec §3.3: mods_count, mods_addr → start, end, string), page-aligned
  // above the image, each string the whole -initrd entry (QEMU's multiboot.c).
  t.is(w.read32(mbi + 20), 2);
  const modsAddr = w.read32(mbi + 24) >>> 0;
  mods.forEach((b, i) => {
    const start = w.read32(modsAddr + 16 * i) >>> 0;
    t.is(start % 4096, 0);
    t.is(w.read32(modsAddr + 16 * i + 4) >>> 0, start + b.length);
    t.true(Buffer.from(w.readBytes(start, b.length)).equals(b));
    t.is(cstr(w.read32(modsAddr + 16 * i + 8)), i === 0 ? `${join(dir, 'mod0')} one two` : join(dir, 'mod1'));
  });
  t.is(cstr(w.read32(mbi + 64)), 'qemu', 'boot_loader_name');
});
