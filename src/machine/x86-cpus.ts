import { X86Cpu } from './cpu/x86/x86-cpu.js';
import type { CpuControlLines } from './cpu/interrupt-source.js';
import type { PhysicalMemory } from './bus/physical-memory.js';
import type { PortBus } from './bus/port-bus.js';
import type { VirtualClock } from './clock.js';
import type { PcPlatformDevices } from './wiring/pc-platform-devices.js';

/** The CPU hot-plug block as the cores see it: which possible CPUs are present, and a change count. */
export interface CpuPresence {
  readonly changes: number;
  slots(): ReadonlyArray<{ readonly slot: { readonly apicId: number }; readonly present: boolean }>;
}

export interface X86CpusHost {
  readonly memory: PhysicalMemory;
  readonly ports: PortBus;
  readonly clock: VirtualClock;
  readonly platformDevices: PcPlatformDevices;
  /** The hot-plug block (device_add / eject); without it the CPUs are those present at start. */
  readonly cpus?: CpuPresence;
}

/**
 * The machine's x86 CPUs, one per local APIC, in APIC ID order: CPU 0 is the bootstrap processor,
 * the others application processors that wait for INIT-SIPI-SIPI. Each has its own state, TLB and
 * block cache; they share memory, ports, the clock and the code-page counts. A CPU plugged with
 * device_add gets a core and an APIC at the next round of turns (`sync`), an ejected one loses them.
 */
export class X86Cpus implements CpuControlLines {
  readonly #cpus: X86Cpu[];
  readonly #host: X86CpusHost;
  #seen: number;

  constructor(host: X86CpusHost) {
    this.#host = host;
    const dev = host.platformDevices;
    this.#cpus = dev.lapics.map((apic, i) => this.#core(apic.initialId, i));
    this.#seen = host.cpus?.changes ?? 0;
    this.#sync();
  }

  /** The cores in turn order (APIC ID order, parallel to the platform's `lapics`). */
  get cpus(): readonly X86Cpu[] {
    return this.#cpus;
  }

  get bsp(): X86Cpu {
    return this.#cpus[0]!;
  }

  setA20(enabled: boolean): void {
    for (const c of this.#cpus) c.setA20(enabled);
  }

  /** RESET to every CPU: the BSP at the reset vector, the APs waiting for SIPI. */
  reset(): void {
    for (const c of this.#cpus) c.reset();
  }

  /**
   * Between rounds of turns: a core (waiting for SIPI, the BSP's TSC, the current A20) and a local
   * APIC on the bus for each CPU plugged since, none for each one ejected. True when the set changed.
   */
  sync(): boolean {
    const changes = this.#host.cpus?.changes;
    if (changes === undefined || changes === this.#seen) return false;
    this.#seen = changes;
    return this.#sync();
  }

  #sync(): boolean {
    const hp = this.#host.cpus;
    if (!hp) return this.#yielding();
    const dev = this.#host.platformDevices;
    const present = new Set(hp.slots().filter((s) => s.present).map((s) => s.slot.apicId));
    let changed = false;
    for (let i = this.#cpus.length - 1; i > 0; i--) {
      if (present.has(this.#cpus[i]!.apicId)) continue;
      this.#cpus.splice(i, 1);
      dev.unplugApic(i);
      changed = true;
    }
    for (const id of present) {
      if (this.#cpus.some((c) => c.apicId === id)) continue;
      const { index } = dev.plugApic(id);
      const core = this.#core(id, index);
      core.tscOffset = this.bsp.tscOffset;
      core.setA20(dev.a20);
      this.#cpus.splice(index, 0, core);
      changed = true;
    }
    this.#yielding();
    return changed;
  }

  #core(apicId: number, index: number): X86Cpu {
    const dev = this.#host.platformDevices;
    const h = this.#host;
    const cpu = new X86Cpu(h.memory, h.ports, h.clock, dev.interruptsOf(index), { apicId, ap: index > 0, logicalPerPackage: dev.logicalPerPackage });
    dev.lapics[index]!.cpu = cpu;
    return cpu;
  }

  /** PAUSE may end a turn only beside other CPUs. */
  #yielding(): boolean {
    for (const c of this.#cpus) c.pauseYields = this.#cpus.length > 1;
    return false;
  }
}
