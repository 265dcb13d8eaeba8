/**
 * Application processors on the x86 core (decision 0044), against the Intel SDM vol. 3: an AP waits
 * for SIPI after RESET and INIT (§8.4.1) and a STARTUP IPI starts it in real mode at VV00h:0000
 * (§8.4.4.1, §10.6.1); INIT keeps the x87, SYSENTER MSRs and the TSC (Table 9-1) and clears the
 * MTRRs as QEMU 7.2's do_cpu_init does (its x86_cpu_reset zeroes them); CPUID.1:EBX[31:24]
 * is the initial APIC ID. Translated blocks stay right when another CPU on the same memory writes
 * their code (§8.1.3: cross-modifying code), and PAUSE hands the turn on only when asked to.
 */
import test from 'ava';
import { PhysicalMemory } from '../../src/machine/bus/physical-memory.js';
import { PortBus } from '../../src/machine/bus/port-bus.js';
import { RamBlock } from '../../src/machine/bus/ram-block.js';
import { RamWindow } from '../../src/machine/bus/memory-target.js';
import { VirtualClock } from '../../src/machine/clock.js';
import { X86Cpu } from '../../src/machine/cpu/x86/x86-cpu.js';
import { NO_INTERRUPTS, enterFlat32 } from '../../src/machine/cpu/x86/flat.js';
import { CS } from '../../src/machine/cpu/x86/constants.js';

function twoCpus(blockHeat = 0) {
  const memory = new PhysicalMemory();
  const ram = new RamBlock('ram', 1 << 20);
  memory.map('ram', 0, new RamWindow(ram, 0, ram.size));
  const ports = new PortBus();
  const clock = new VirtualClock();
  const bsp = new X86Cpu(memory, ports, clock, NO_INTERRUPTS, { blocks: true, blockHeat });
  const ap = new X86Cpu(memory, ports, clock, NO_INTERRUPTS, { blocks: true, blockHeat, ap: true, apicId: 3 });
  return { memory, clock, bsp, ap };
}

test('an AP waits for SIPI after RESET: runs nothing, ignores NMI; STARTUP 09h starts it at 0900:0000 in real mode', (t) => {
  const { memory, ap } = twoCpus();
  // at 0x9000: mov ax, cs; hlt
  memory.writeBytes(0x9000, Uint8Array.of(0x8c, 0xc8, 0xf4));
  t.true(ap.waitingForSipi);
  t.is(ap.apicBase >>> 0, 0xfee00800);
  ap.nmi();
  t.is(ap.run(1e6), 'halted');
  t.is(ap.icount, 0);
  ap.startup(0x09);
  t.is(ap.sel[CS], 0x0900);
  t.is(ap.segBase[CS], 0x9000);
  t.is(ap.eip, 0);
  t.is(ap.run(1e6), 'halted');
  t.is(ap.r16[0], 0x0900);
  t.is(ap.eip, 3);
  ap.startup(0x10);
  t.is(ap.eip, 3, 'a running CPU ignores STARTUP');
});

test('INIT: registers as after RESET, x87 control word, SYSENTER and TSC kept, MTRRs cleared (QEMU); an AP waits for SIPI again, the BSP restarts at FFFF0h', (t) => {
  const { memory, clock, bsp, ap } = twoCpus();
  // at 0x9000: fldcw cs:[0x10]; hlt; the word 027Fh at 0x9010
  memory.writeBytes(0x9000, Uint8Array.of(0x2e, 0xd9, 0x2e, 0x10, 0x00, 0xf4));
  memory.writeBytes(0x9010, Uint8Array.of(0x7f, 0x02));
  ap.startup(0x09);
  ap.run(1e6);
  t.is(ap.fpu.controlWord, 0x27f);
  ap.r32[0] = 0x1234;
  ap.msr.set(0x200, 0x6n);
  ap.msr.set(0x8b, 0x1n);
  ap.sysenterEip = 0xc0001000;
  clock.advance(5000);
  const tsc = ap.tsc();
  ap.init();
  t.is(ap.run(1e6), 'halted');
  t.true(ap.waitingForSipi);
  t.is(ap.r32[0], 0);
  t.is(ap.msr.get(0x200), undefined);
  t.is(ap.msr.get(0x8b), 0x1n);
  t.is(ap.sysenterEip >>> 0, 0xc0001000);
  t.is(ap.fpu.controlWord, 0x27f);
  t.true(ap.tsc() >= tsc);
  bsp.init();
  t.false(bsp.waitingForSipi);
  bsp.run(0);
  t.is(bsp.sel[CS], 0xf000);
  t.is(bsp.eip, 0xfff0);
});

test('INIT then STARTUP before the AP ran again: the INIT is taken first, so the STARTUP starts it', (t) => {
  const { memory, ap } = twoCpus();
  memory.writeBytes(0x9000, Uint8Array.of(0xf4));
  memory.writeBytes(0xa000, Uint8Array.of(0x40, 0xf4)); // inc ax; hlt
  ap.startup(0x09);
  ap.run(1e6);
  ap.init();
  ap.startup(0x0a);
  t.is(ap.run(1e6), 'halted');
  t.is(ap.r16[0], 1);
});

test('CPUID.1:EBX[31:24] is the initial APIC ID; EBX[23:16] and EDX.HTT give the logical processors of the package past one', (t) => {
  const { memory, clock, ap } = twoCpus();
  memory.writeBytes(0x9000, Uint8Array.of(0x66, 0xb8, 1, 0, 0, 0, 0x0f, 0xa2, 0xf4)); // mov eax, 1; cpuid; hlt
  ap.startup(0x09);
  ap.run(1e6);
  t.is(ap.r32[3]! >>> 24, 3);
  t.is((ap.r32[3]! >>> 16) & 0xff, 0);
  t.is((ap.r32[2]! >>> 28) & 1, 0);
  const wide = new X86Cpu(memory, new PortBus(), clock, NO_INTERRUPTS, { ap: true, apicId: 5, logicalPerPackage: 4 });
  wide.startup(0x09);
  wide.run(1e6);
  t.is(wide.r32[3]! >>> 16, 0x0504);
  t.is((wide.r32[2]! >>> 28) & 1, 1);
});

test('cross-modifying code: a block one CPU translated is dropped when another CPU writes its page through its own TLB', (t) => {
  const { memory, bsp, ap } = twoCpus(0);
  for (const c of [bsp, ap]) { c.reset(); enterFlat32(c); c.waitingForSipi = false; c.r32[4] = 0x80000; }
  // AP at 0x2000: mov dword [0x1800], 0; hlt — its TLB now maps page 1 with a direct write view.
  memory.writeBytes(0x2000, Uint8Array.of(0xc7, 0x05, 0x00, 0x18, 0, 0, 0, 0, 0, 0, 0xf4));
  ap.eip = 0x2000;
  ap.run(1e6);
  // BSP at 0x1000: mov eax, 1; hlt — translated (heat 0): page 1 becomes a code page.
  // (Twice: the first run fills the TLB, the second translates from 0x1000.)
  memory.writeBytes(0x1000, Uint8Array.of(0xb8, 1, 0, 0, 0, 0xf4));
  for (let i = 0; i < 2; i++) {
    bsp.eip = 0x1000;
    bsp.halted = false;
    bsp.run(1e6);
  }
  t.is(bsp.r32[0], 1);
  t.is(bsp.blocksTranslated, 2);
  // AP at 0x2010: mov byte [0x1001], 2; hlt — patches the BSP's immediate.
  memory.writeBytes(0x2010, Uint8Array.of(0xc6, 0x05, 0x01, 0x10, 0, 0, 2, 0xf4));
  ap.eip = 0x2010;
  ap.halted = false;
  ap.run(1e6);
  bsp.eip = 0x1000;
  bsp.halted = false;
  bsp.run(1e6);
  t.is(bsp.r32[0], 2);
});

test('PAUSE ends the turn with "yield" only when pauseYields is set; the block or interpreter resumes after it', (t) => {
  for (const heat of [0, 255]) {
    const { memory, ap } = twoCpus(heat);
    // at 0x9000: inc ax; pause; inc ax; hlt
    memory.writeBytes(0x9000, Uint8Array.of(0x40, 0xf3, 0x90, 0x40, 0xf4));
    ap.startup(0x09);
    t.is(ap.run(1e6), 'halted');
    t.is(ap.r16[0], 2);
    ap.init();
    ap.startup(0x09);
    ap.pauseYields = true;
    t.is(ap.run(1e6), 'yield');
    t.is(ap.r16[0], 1);
    t.is(ap.eip, 3);
    t.is(ap.run(1e6), 'halted');
    t.is(ap.r16[0], 2);
  }
});
