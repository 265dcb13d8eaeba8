import { X86Cpu } from './cpu/x86/x86-cpu.js';
import type { CpuControlLines } from './cpu/interrupt-source.js';
import type { PhysicalMemory } from './bus/physical-memory.js';
import type { PortBus } from './bus/port-bus.js';
import type { VirtualClock } from './clock.js';
import type { PcPlatformDevices } from './wiring/pc-platform-devices.js';

export interface X86CpusHost {
  readonly memory: PhysicalMemory;
  readonly ports: PortBus;
  readonly clock: VirtualClock;
  readonly platformDevices: PcPlatformDevices;
}

/**
 * The machine's x86 CPUs, one per local APIC (the CPUs -smp makes present at start): CPU 0 is the
 * bootstrap processor, the others application processors that wait for INIT-SIPI-SIPI. Each has
 * its own state, TLB and block cache; they share memory, ports, the clock and the code-page counts.
 */
export class X86Cpus implements CpuControlLines {
  readonly cpus: readonly X86Cpu[];

  constructor(host: X86CpusHost) {
    const dev = host.platformDevices;
    this.cpus = dev.lapics.map((apic, i) => {
      const cpu = new X86Cpu(host.memory, host.ports, host.clock, dev.interruptsOf(i), { apicId: apic.initialId, ap: i > 0, logicalPerPackage: dev.logicalPerPackage });
      cpu.pauseYields = dev.lapics.length > 1;
      apic.cpu = cpu;
      return cpu;
    });
  }

  get bsp(): X86Cpu {
    return this.cpus[0]!;
  }

  setA20(enabled: boolean): void {
    for (const c of this.cpus) c.setA20(enabled);
  }

  /** RESET to every CPU: the BSP at the reset vector, the APs waiting for SIPI. */
  reset(): void {
    for (const c of this.cpus) c.reset();
  }
}
