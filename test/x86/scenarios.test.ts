import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFlat, type FlatMachine } from '../../src/machine/cpu/x86/flat.js';
import { X86Cpu } from '../../src/machine/cpu/x86/x86-cpu.js';
import { repoRoot } from '../helpers/paths.js';
import { testWith } from '../helpers/reference.js';

/**
 * Hand-written scenarios for what the SingleStepTests suites do not reach (protected mode, paging,
 * privilege changes, #DF, the interrupt shadow). Programs: test/fixtures/x86/*.asm (nasm, committed
 * binaries); each expected value comes from the SDM section named in its source.
 */
const dir = join(repoRoot(), 'test', 'fixtures', 'x86');
const program = (name: string) => new Uint8Array(readFileSync(join(dir, `${name}.bin`)));
const dword = (m: FlatMachine, a: number) => m.memory.read(a, 4);

testWith(['nasm'])('the committed scenario binaries are what their sources build to', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'fwlab-x86-'));
  try {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.asm'))) {
      const bin = join(out, f.replace('.asm', '.bin'));
      const r = spawnSync('nasm', ['-f', 'bin', '-o', bin, f], { cwd: dir });
      t.is(r.status, 0, r.stderr.toString());
      t.deepEqual(readFileSync(bin), readFileSync(join(dir, f.replace('.asm', '.bin'))), f);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('protected-mode entry: far jump loads CS, selector past the GDT limit and null SS raise #GP(sel) / #GP(0)', (t) => {
  const { machine: m, stop } = runFlat(program('pm-entry'));
  t.is(stop, 'halted');
  t.is(dword(m, 0x500), 0x600df00d);
  t.is(dword(m, 0x504), 0x08);
  t.is(dword(m, 0x508), 0x30);
  t.is(dword(m, 0x50c), 0);
  t.is(dword(m, 0x510), 2);
});

test('paging: #PF with CR2 and error codes (not present read/write, WP write), A/D bits, a 4 MiB PSE page', (t) => {
  const { machine: m, stop } = runFlat(program('paging'));
  t.is(stop, 'halted');
  t.is(dword(m, 0x520), 3);
  t.deepEqual([dword(m, 0x500), dword(m, 0x504)], [0x300004, 0]);
  t.deepEqual([dword(m, 0x508), dword(m, 0x50c)], [0x300008, 2]);
  t.deepEqual([dword(m, 0x510), dword(m, 0x514)], [0x301010, 3]);
  t.is(dword(m, 0x524), 0x60);
  t.is(dword(m, 0x528), 0x20);
  t.is(dword(m, 0x52c), 0x4d425021);
});

test('ring 3 → ring 0: INT through a DPL3 gate switches to TSS.SS0:ESP0 and pushes SS, ESP, EFLAGS, CS, EIP; a DPL0 gate is #GP(vector*8+2)', (t) => {
  const { machine: m, stop } = runFlat(program('ring3'));
  t.is(stop, 'halted');
  t.is(dword(m, 0x500), 0x08);
  t.is(dword(m, 0x504), 0x8000 - 20);
  const eip = dword(m, 0x508);
  t.is(m.memory.read(eip, 2), 0x81cd, 'the pushed EIP is the instruction after INT 0x80 (INT 0x81)');
  t.is(dword(m, 0x50c), 0x1b);
  t.is(dword(m, 0x510), 0x202);
  t.is(dword(m, 0x514), 0x20000);
  t.is(dword(m, 0x518), 0x23);
  t.is(dword(m, 0x51c), 0x81 * 8 + 2);
  t.is(dword(m, 0x520), 0x1b);
});

test('#DF: a contributory fault while delivering #GP reaches the #DF handler with error code 0; without a #DF gate the CPU shuts down', (t) => {
  const { machine: m, stop } = runFlat(program('double-fault'));
  t.is(dword(m, 0x500), 0);
  t.is(dword(m, 0x504), 0xdf);
  t.is(stop, 'shutdown');
  t.is(dword(m, 0x508), 0);
  t.regex(m.cpu.shutdownReason ?? '', /triple fault/);
});

test('interrupt shadow: STI then MOV SS each hold INTR off for one more instruction', (t) => {
  let armed = false;
  const intr = { hasInterrupt: () => armed, acknowledge: () => { armed = false; return 0x20; } };
  const { machine: m, stop } = runFlat(program('shadow'), {
    intr,
    setup: (mm) => {
      mm.ports.register('arm', 0x80, 1, { read: () => 0xff, write: () => { armed = true; } });
    },
  });
  t.is(stop, 'halted');
  t.is(m.memory.read(0x500, 2), 1);
});

test('reset state (SDM vol. 3 Table 9-1): CS F000 base FFFF0000, EIP FFF0, EDX = signature, CR0 60000010', (t) => {
  const { machine: m } = runFlat(new Uint8Array([0xf4]), { budgetNs: 0 });
  m.cpu.reset();
  t.is(m.cpu.sel[1], 0xf000);
  t.is(m.cpu.segBase[1], 0xffff0000);
  t.is(m.cpu.eip, 0xfff0);
  t.is(m.cpu.r32[2], X86Cpu.SIGNATURE);
  t.is(m.cpu.cr0 >>> 0, 0x60000010);
  t.is(m.cpu.flags, 2);
});

test('CPUID and MSRs: vendor GenuineIntel, signature, SYSENTER_CS round trip, EFER reads 0, an unknown MSR is #GP(0)', (t) => {
  // cpuid; mov [0x500],ebx; mov [0x504],edx; mov [0x508],ecx; mov eax,1; cpuid; mov [0x50c],eax;
  // mov ecx,0x174; mov eax,0x1234; xor edx,edx; wrmsr; xor eax,eax; rdmsr; mov [0x510],eax;
  // mov ecx,0xc0000080; rdmsr; mov [0x514],eax; mov ecx,0x12345; rdmsr; hlt
  const code = [
    0x31, 0xc0, 0x0f, 0xa2, 0x89, 0x1d, 0x00, 0x05, 0x00, 0x00, 0x89, 0x15, 0x04, 0x05, 0x00, 0x00, 0x89, 0x0d, 0x08, 0x05, 0x00, 0x00,
    0xb8, 0x01, 0x00, 0x00, 0x00, 0x0f, 0xa2, 0xa3, 0x0c, 0x05, 0x00, 0x00,
    0xb9, 0x74, 0x01, 0x00, 0x00, 0xb8, 0x34, 0x12, 0x00, 0x00, 0x31, 0xd2, 0x0f, 0x30, 0x31, 0xc0, 0x0f, 0x32, 0xa3, 0x10, 0x05, 0x00, 0x00,
    0xb9, 0x80, 0x00, 0x00, 0xc0, 0xb8, 0xff, 0x00, 0x00, 0x00, 0x0f, 0x32, 0xa3, 0x14, 0x05, 0x00, 0x00,
    0xb9, 0x45, 0x23, 0x01, 0x00, 0x0f, 0x32, 0xf4,
  ];
  const { machine: m } = runFlat(new Uint8Array(code), { mode: 'flat32', at: 0x1000 });
  const text = new TextDecoder().decode(m.memory.readBytes(0x500, 12));
  t.is(text, 'GenuineIntel');
  t.is(dword(m, 0x50c), 0x652);
  t.is(dword(m, 0x510), 0x1234);
  t.is(dword(m, 0x514), 0);
  t.like(m.cpu.lastException, { vector: 13 });
});

test('CPUID.1:ECX has only the hypervisor bit (31), as QEMU 7.2 TCG gives Linux ("PMU not available due to virtualization"); leaf 0x40000000 names no hypervisor', (t) => {
  // mov eax,1; cpuid; mov [0x500],ecx; mov eax,0x40000000; cpuid; mov [0x504],ebx; mov [0x508],ecx; mov [0x50c],edx; hlt
  const code = [
    0xb8, 0x01, 0x00, 0x00, 0x00, 0x0f, 0xa2, 0x89, 0x0d, 0x00, 0x05, 0x00, 0x00,
    0xb8, 0x00, 0x00, 0x00, 0x40, 0x0f, 0xa2, 0x89, 0x1d, 0x04, 0x05, 0x00, 0x00, 0x89, 0x0d, 0x08, 0x05, 0x00, 0x00, 0x89, 0x15, 0x0c, 0x05, 0x00, 0x00, 0xf4,
  ];
  const { machine: m } = runFlat(new Uint8Array(code), { mode: 'flat32', at: 0x1000 });
  t.is(dword(m, 0x500) >>> 0, 0x80000000);
  t.deepEqual([dword(m, 0x504), dword(m, 0x508), dword(m, 0x50c)], [0, 0, 0]);
  const qemu = readFileSync('test/fixtures/linux/qemu-pc/serial.log', 'latin1');
  t.true(qemu.includes('Performance Events: PMU not available due to virtualization, using software events only.'));
});

test('A20 closed: physical address bit 20 is masked (FFFF:0010 reads 0:0); open: it reaches 1 MiB', (t) => {
  // mov ax,0xffff; mov ds,ax; mov al,[0x10]; hlt
  const code = new Uint8Array([0xb8, 0xff, 0xff, 0x8e, 0xd8, 0xa0, 0x10, 0x00, 0xf4]);
  for (const open of [false, true]) {
    const { machine: m } = runFlat(code, {
      setup: (mm) => { mm.memory.write(0, 1, 0x11); mm.memory.write(0x100000, 1, 0x22); mm.cpu.setA20(open); },
    });
    t.is(m.cpu.r8[0], open ? 0x22 : 0x11);
  }
});

test('a device handler that throws during a CPU access leaves run() as DeviceHandlerError naming the device; a guest #UD does not throw', async (t) => {
  const { MmioWindow } = await import('../../src/machine/bus/memory-target.js');
  const { DeviceHandlerError } = await import('../../src/machine/cpu/device-fault.js');
  // mov eax,[0xfec00000]; hlt
  const code = new Uint8Array([0xa1, 0x00, 0x00, 0xc0, 0xfe, 0xf4]);
  const err = t.throws(() => runFlat(code, {
    mode: 'flat32', at: 0x1000,
    setup: (m) => { m.memory.map('broken-dev', 0xfec00000, new MmioWindow({ read: () => { throw new Error('boom'); }, write: () => {} }, 0x1000)); },
  }));
  t.true(err instanceof DeviceHandlerError);
  t.regex(err?.message ?? '', /broken-dev/);
  // UD2 in real mode with an IVT entry pointing at a HLT: vector 6 delivered, the run ends halted.
  const ud = runFlat(new Uint8Array([0x0f, 0x0b]), { setup: (m) => { m.memory.write(6 * 4, 2, 0x500); m.memory.write(0x500, 1, 0xf4); } });
  t.is(ud.stop, 'halted');
  t.like(ud.machine.cpu.lastException, { vector: 6 });
});
