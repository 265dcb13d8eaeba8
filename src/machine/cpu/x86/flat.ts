import { PhysicalMemory } from '../../bus/physical-memory.js';
import { PortBus } from '../../bus/port-bus.js';
import { RamBlock } from '../../bus/ram-block.js';
import { RamWindow } from '../../bus/memory-target.js';
import { VirtualClock } from '../../clock.js';
import type { InterruptSource } from '../interrupt-source.js';
import { CS, DS, ES, FS, GS, SS } from './constants.js';
import { X86State, type X86Model } from './cpu-state.js';
import { X86Cpu, type X86StopReason } from './x86-cpu.js';

/** No interrupt controller: INTR is never asserted. */
export const NO_INTERRUPTS: InterruptSource = { hasInterrupt: () => false, acknowledge: () => 0xff };

export interface FlatMachine {
  readonly memory: PhysicalMemory;
  readonly ram: RamBlock;
  readonly ports: PortBus;
  readonly clock: VirtualClock;
  readonly cpu: X86Cpu;
}

/** A bare machine for tests and benches: RAM at 0, an empty port bus, a clock and an x86 core. */
export function createFlatMachine(opts: { ramBytes?: number; model?: X86Model; intr?: InterruptSource; blocks?: boolean; blockHeat?: number } = {}): FlatMachine {
  const memory = new PhysicalMemory();
  const ram = new RamBlock('ram', opts.ramBytes ?? 16 << 20);
  memory.map('ram', 0, new RamWindow(ram, 0, ram.size));
  const ports = new PortBus();
  const clock = new VirtualClock();
  const cpu = new X86Cpu(memory, ports, clock, opts.intr ?? NO_INTERRUPTS, { model: opts.model ?? 'i686', ...(opts.blocks !== undefined ? { blocks: opts.blocks } : {}), ...(opts.blockHeat !== undefined ? { blockHeat: opts.blockHeat } : {}) });
  return { memory, ram, ports, clock, cpu };
}

/** Real mode at seg:off, or a flat 32-bit ring-0 protected-mode setup (no descriptor tables needed). */
export function enterFlat32(cpu: X86Cpu): void {
  cpu.cr0 |= 1;
  cpu.setCache(CS, 0x08, 0, 0xffffffff, X86State.FLAT32_CODE);
  for (const s of [DS, ES, SS, FS, GS]) cpu.setCache(s, 0x10, 0, 0xffffffff, X86State.FLAT32_DATA);
  cpu.flushTlb(true);
}

export interface FlatRun {
  readonly machine: FlatMachine;
  readonly stop: X86StopReason;
}

/**
 * Loads `code` at physical `at` and runs it until HLT (or `budgetNs`): in real mode with CS = at >> 4
 * by default, or in flat 32-bit protected mode with `mode: 'flat32'`. `setup` may set registers first.
 */
export function runFlat(code: Uint8Array, opts: {
  at?: number; mode?: 'real' | 'flat32'; budgetNs?: number; model?: X86Model; intr?: InterruptSource; setup?: (m: FlatMachine) => void;
} = {}): FlatRun {
  const machine = createFlatMachine({ model: opts.model, intr: opts.intr });
  const at = opts.at ?? 0x7c00;
  machine.memory.writeBytes(at, code);
  const { cpu } = machine;
  if (opts.mode === 'flat32') {
    enterFlat32(cpu);
    cpu.eip = at;
    cpu.r32[4] = 0x90000;
  } else {
    cpu.setCache(CS, at >> 4, (at >> 4) << 4, 0xffff, 0x9b);
    cpu.eip = at & 0xf;
    cpu.r16[8] = 0xfffe;
  }
  opts.setup?.(machine);
  const stop = cpu.run(opts.budgetNs ?? 1e9);
  return { machine, stop };
}
