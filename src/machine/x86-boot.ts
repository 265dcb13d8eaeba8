import { X86Cpu } from './cpu/x86/x86-cpu.js';
import { CS } from './cpu/x86/constants.js';
import { CpuResetSignal } from './cpu/cpu-core.js';
import { DeviceHandlerError } from './cpu/device-fault.js';
import type { PhysicalMemory } from './bus/physical-memory.js';
import type { PortBus } from './bus/port-bus.js';
import type { VirtualClock } from './clock.js';
import type { PcPlatformDevices } from './wiring/pc-platform-devices.js';
import type { ProgramExit } from '../spec/cpu-wire.js';
import { logger } from '../lib/log.js';

const log = logger('x86-boot');

/** Virtual time the booted x86 code gets before the run ends. */
export const DEFAULT_X86_BOOT_BUDGET_NS = 10e9;
const SLICE_NS = 1e6;
const REAL_MODE_CODE = 0x9b;
const EDX = 2;
const FLAGS_RESERVED = 0x0002;
const FLAGS_IF = 0x0200;

export interface X86BootHost {
  readonly memory: PhysicalMemory;
  readonly ports: PortBus;
  readonly clock: VirtualClock;
  readonly platformDevices: PcPlatformDevices;
  addEvent(text: string): void;
}

/**
 * Runs x86 code the firmware loaded (ProgramExit `x86`): the x86 core on the machine's buses,
 * in real mode at cs:ip with DL set, as SeaBIOS jumps to a boot sector; the resident firmware
 * answers BIOS call traps meanwhile. Ends at `cli; hlt`, a triple fault or a reset request, or
 * when the virtual time budget is spent.
 */
export function runBootedX86(host: X86BootHost, entry: { cs: number; ip: number; dl: number }, budgetNs = DEFAULT_X86_BOOT_BUDGET_NS): ProgramExit {
  const dev = host.platformDevices;
  const cpu = new X86Cpu(host.memory, host.ports, host.clock, dev.interrupts);
  dev.attachCpu(cpu);
  cpu.reset();
  cpu.setCache(CS, entry.cs, entry.cs * 16, 0xffff, REAL_MODE_CODE);
  cpu.eip = entry.ip;
  cpu.r32[EDX] = entry.dl;
  cpu.flags = FLAGS_RESERVED | FLAGS_IF;
  log('x86 code at %s:%s, dl=%s', entry.cs.toString(16), entry.ip.toString(16), entry.dl.toString(16));
  const end = host.clock.now() + budgetNs;
  for (;;) {
    const left = end - host.clock.now();
    if (left <= 0) return { kind: 'halt', reason: 'virtual time budget spent' };
    if (dev.lapic.takeNmi()) cpu.nmi();
    let stop;
    try {
      stop = cpu.run(Math.min(left, SLICE_NS));
    } catch (e) {
      const signal = e instanceof DeviceHandlerError ? e.cause : e;
      if (!(signal instanceof CpuResetSignal)) throw e;
      return { kind: 'halt', reason: `reset requested: ${signal.message}` };
    }
    if (stop === 'idle') {
      if (!host.clock.skipToNextTimer()) return { kind: 'idle' };
    } else if (stop === 'halted') {
      return { kind: 'halt', reason: `hlt with interrupts disabled at ${cpu.where()}` };
    } else if (stop === 'shutdown') {
      const why = `triple fault at ${cpu.where()} (exception ${cpu.lastException?.vector ?? '?'})`;
      host.addEvent(why);
      return { kind: 'halt', reason: why };
    }
  }
}
