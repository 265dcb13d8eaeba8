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

test('task switch (SDM vol. 3 §7.2.1, §7.3): the TSS T bit raises #DB with DR6.BT before the new task runs; a fault after the commit point is raised in the new task with its EIP', (t) => {
  const { machine: m, stop } = runFlat(program('task-sdm'));
  t.is(stop, 'halted');
  t.is(dword(m, 0x500) & 0x8000, 0x8000, 'DR6.BT');
  t.is(dword(m, 0x504), dword(m, 0x520), '#DB frame EIP: the new task’s first instruction');
  t.is(dword(m, 0x508), 0x20);
  t.is(dword(m, 0x50c), 0xb0b0, 'the task ran after the #DB handler returned');
  t.is(dword(m, 0x510), 0x18, '#TS(DS selector)');
  t.is(dword(m, 0x514), dword(m, 0x524), '#TS frame EIP: the new task’s, not the JMP’s');
  t.is(dword(m, 0x518), 0x28);
});

test('PAE (SDM vol. 3 §4.4, §4.7): a page above 4 GiB, a reserved bit is #PF(P|RSVD), the PDPTEs are registers loaded by MOV CR3, a reserved PDPTE bit is #GP(0) on MOV CR3', async (t) => {
  const { RamBlock } = await import('../../src/machine/bus/ram-block.js');
  const { RamWindow } = await import('../../src/machine/bus/memory-target.js');
  const high = new RamBlock('high', 1 << 20);
  const { machine: m, stop } = runFlat(program('pae-sdm'), { setup: (fm) => { fm.memory.map('high', 2 ** 32, new RamWindow(high, 0, high.size)); } });
  t.is(stop, 'halted');
  t.is(dword(m, 0x500), 0xfeedface);
  t.is(m.memory.read(2 ** 32, 4), 0xfeedface, 'the write reached physical 1_0000_0000h');
  t.deepEqual([dword(m, 0x504), dword(m, 0x508)], [9, 0x201000]);
  t.is(dword(m, 0x50c), 0xfeedface, 'PDPTE 0 cleared in memory: the register still maps the page');
  t.deepEqual([dword(m, 0x510), dword(m, 0x514), dword(m, 0x518)], [13, 0, 0x10000]);
});

test('virtual-8086 mode: HLT is #GP(0), INT3 is not IOPL-sensitive (its DPL 3 gate is taken with IOPL 0), VM is in the pushed EFLAGS (SDM vol. 3 §20.2.7)', (t) => {
  // Flat ring 0: IDT at 0x7000 with vector 13 → 0x5000 (hlt) and vector 3 (DPL 3) → 0x5100 (hlt);
  // IRETD to V86 CS:IP 0000:0600 with EFLAGS VM|IOPL0, where 0x600 holds INT3.
  const gate = (m: FlatMachine, v: number, off: number, attr: number) => {
    m.memory.write(0x7000 + v * 8, 4, (0x08 << 16) | off);
    m.memory.write(0x7004 + v * 8, 4, (attr << 8) | (off & 0xffff0000));
  };
  // push 0 ×4 (GS FS DS ES), push 0 (SS), push 0xfff0, push 0x20002, push 0, push 0x600, iretd
  const code = new Uint8Array([0x6a, 0, 0x6a, 0, 0x6a, 0, 0x6a, 0, 0x6a, 0, 0x68, 0xf0, 0xff, 0, 0, 0x68, 0x02, 0x00, 0x02, 0x00, 0x6a, 0, 0x68, 0x00, 0x06, 0, 0, 0xcf]);
  const run = (v86: number[]) => runFlat(code, {
    mode: 'flat32', at: 0x1000,
    setup: (m) => {
      m.cpu.idtBase = 0x7000;
      m.cpu.idtLimit = 0x7ff;
      gate(m, 13, 0x5000, 0x8e);
      gate(m, 3, 0x5100, 0xee);
      m.memory.write(0x5000, 1, 0xf4);
      m.memory.write(0x5100, 1, 0xf4);
      m.memory.writeBytes(0x600, new Uint8Array(v86));
      // TSS with ESP0 = 0x9000, SS0 = 0x10 at 0x6000
      m.cpu.gdtBase = 0x6800;
      m.cpu.gdtLimit = 0x1f;
      m.memory.write(0x6808, 4, 0x0000ffff); m.memory.write(0x680c, 4, 0x00cf9a00);
      m.memory.write(0x6810, 4, 0x0000ffff); m.memory.write(0x6814, 4, 0x00cf9200);
      m.memory.write(0x6004, 4, 0x9000);
      m.memory.write(0x6008, 4, 0x10);
      m.cpu.setCache(7, 0x18, 0x6000, 0x67, 0x8b);
    },
  });
  const int3 = run([0xcc]);
  t.is(int3.stop, 'halted');
  t.is(int3.machine.cpu.eip, 0x5101, 'INT3 went to its DPL 3 gate (not #GP)');
  t.is(dword(int3.machine, 0x9000 - 36), 0x601, 'the frame’s EIP after INT3');
  t.is(dword(int3.machine, 0x9000 - 28) & 0x20000, 0x20000, 'VM in the pushed EFLAGS');
  const hlt = run([0xf4]);
  t.is(hlt.machine.cpu.eip, 0x5001, 'HLT in V86 is #GP');
  t.is(dword(hlt.machine, 0x9000 - 40), 0, '#GP(0)');
});
