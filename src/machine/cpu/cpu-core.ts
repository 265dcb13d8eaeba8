import type { CpuWire, CpuProgram, ProgramExit } from '../../spec/cpu-wire.js';
import type { AccessSize } from '../bus/io-handler.js';
import type { PortBus } from '../bus/port-bus.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { VirtualClock } from '../clock.js';
import type { InterruptLines } from './interrupt-lines.js';
import { DeviceHandlerError } from './device-fault.js';
import { wireObject } from './wire-object.js';
import { logger } from '../../lib/log.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, bool, jsonObject, num } from '../snapshot/part-state.js';

const log = logger('cpu');

/** Virtual time one port access costs (an ISA-speed I/O cycle); memory is free. */
export const PORT_IO_NS = 1000;
/** A level-triggered line still asserted after this many deliveries in a row is masked (stuck guest). */
const MAX_REDELIVERIES = 64;

/** Raised inside a program's wire access when it resets the machine (0xCF9): the CPU stops there. */
export class CpuResetSignal extends Error {
  override readonly name: string = 'CpuResetSignal';
}

/**
 * SLP_EN with the \_S3 SLP_TYP: the CPU stops where it is (QEMU's cpu_stop_current) until a
 * wake-up resets the machine. A CpuResetSignal, so every path that lets a reset through lets it through.
 */
export class CpuSuspendSignal extends CpuResetSignal {
  override readonly name: string = 'CpuSuspendSignal';
}

/**
 * SLP_EN with the \_S5 (or \_S4) SLP_TYP: the machine is off, the CPU stops at the write and the
 * run ends (QEMU exits, or pauses with -no-shutdown; its vCPU may run a few more instructions first).
 */
export class CpuPowerOffSignal extends CpuResetSignal {
  override readonly name: string = 'CpuPowerOffSignal';
}

/**
 * A reset the monitor asked for (QMP/HMP `system_reset`) while the machine runs: raised from the
 * clock event that ran the command, so the CPU stops at that instant as for a guest's 0xCF9; it
 * counts toward no reset loop (QEMU's SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET).
 */
export class HostResetSignal extends CpuResetSignal {
  override readonly name: string = 'HostResetSignal';
}

/** `migrate` while a program without a save hook holds the CPU. */
export class ProgramNotSaveable extends Error {
  override readonly name = 'ProgramNotSaveable';
}

/** What a snapshot says about the CPU until the program resumes. */
interface SavedCpu {
  readonly interruptsEnabled: boolean;
  readonly masked: number;
  readonly program: { readonly name: string; readonly version: string; readonly state: Uint8Array } | undefined;
}

export interface ProgramRun {
  readonly program: string;
  readonly exit: ProgramExit;
  readonly startedNs: number;
  readonly endedNs: number;
}

/**
 * The CPU core: the one implementation of the CPU wire. It runs a program (firmware ROM
 * at reset, then the guest image) and delivers interrupts to whatever program holds it.
 * A program gets only `wire`, a frozen object with exactly the CpuWire methods; the core's
 * state is private. A device handler that throws during an access is a machine bug
 * (DeviceHandlerError), never the program's fault.
 */
export class CpuCore implements CpuWire, Snapshottable {
  readonly #ports: PortBus;
  readonly #memory: PhysicalMemory;
  readonly #clock: VirtualClock;
  readonly #lines: InterruptLines;
  #handler: ((irq: number) => void) | undefined;
  #interruptsEnabled = false;
  #inHandler = false;
  /** A program's `run` is on the stack (else a handler runs for the resident, idle program). */
  #running = 0;
  #masked = 0;
  /** The first device fault since the program started (reported even if the program catches it). */
  #deviceFault: DeviceHandlerError | undefined;
  readonly #runs: ProgramRun[] = [];
  readonly #faults: string[] = [];
  /** The program that stays resident (returned `idle`), driven by interrupts. */
  #resident: CpuProgram | undefined;
  /** Loaded from a snapshot, applied when the program resumes. */
  #saved: SavedCpu | undefined;
  /** What a program holds: the CpuWire methods and nothing else. */
  readonly wire: CpuWire;
  /** The other CPUs, which run while the program spins in `delay` (the APs beside a firmware on the BSP). */
  #companions: { runFor(ns: number): void } | undefined;

  constructor(ports: PortBus, memory: PhysicalMemory, clock: VirtualClock, lines: InterruptLines) {
    this.#ports = ports;
    this.#memory = memory;
    this.#clock = clock;
    this.#lines = lines;
    this.wire = wireObject(this);
    lines.onChange((line, asserted) => {
      if (!asserted) this.#masked &= ~(1 << line);
      else this.#deliver();
    });
  }

  get runs(): readonly ProgramRun[] {
    return this.#runs;
  }

  /** Faults of the running program's interrupt handler (it is uninstalled after one). */
  get faults(): readonly string[] {
    return this.#faults;
  }

  /** Power-on state: no handler, interrupts disabled (as after reset). */
  reset(): void {
    this.#handler = undefined;
    this.#interruptsEnabled = false;
    this.#inHandler = false;
    this.#masked = 0;
    this.#resident = undefined;
  }

  /** Interrupt state and the resident program's bytes (its save hook). */
  saveState(): PartState {
    const p = this.#resident;
    if (p && !p.saveState) throw new ProgramNotSaveable(`the running program ${p.name} cannot be saved (no saveState hook)`);
    const state = p?.saveState?.();
    return {
      json: { interruptsEnabled: this.#interruptsEnabled, masked: this.#masked, program: p ? { name: p.name, version: p.version } : null },
      ...(state ? { bytes: state } : {}),
    };
  }

  /** Interrupts stay off until the saved program resumes (`resume`). */
  loadState(state: PartState): void {
    const o = jsonObject(state, 'cpu');
    const prog = o.program;
    let program: SavedCpu['program'];
    if (prog !== null && prog !== undefined) {
      if (typeof prog !== 'object' || Array.isArray(prog) || typeof prog.name !== 'string' || typeof prog.version !== 'string') throw new SnapshotMismatch('cpu: bad program record');
      program = { name: prog.name, version: prog.version, state: state.bytes ?? new Uint8Array(0) };
    }
    this.reset();
    this.#saved = { interruptsEnabled: bool(o, 'interruptsEnabled'), masked: num(o, 'masked'), program };
  }

  /** The program a loaded snapshot was running (name and version), if any. */
  get savedProgram(): { name: string; version: string } | undefined {
    return this.#saved?.program;
  }

  /** After a snapshot load: hand the CPU back to the saved program through its resume hook. */
  resume(program: CpuProgram | undefined, args?: readonly string[]): ProgramExit | undefined {
    const saved = this.#saved;
    if (!saved) throw new Error('resume without a loaded snapshot');
    this.#saved = undefined;
    this.#masked = saved.masked;
    if (!saved.program) return undefined;
    if (!program || program.name !== saved.program.name || program.version !== saved.program.version || !program.resume) {
      throw new SnapshotMismatch(`the snapshot's program ${saved.program.name} ${saved.program.version} cannot resume here`);
    }
    const resume = program.resume.bind(program);
    const state = saved.program.state;
    const exit = this.run({ name: program.name, version: program.version, run: (wire, a) => resume(wire, state, a) }, args);
    if (exit.kind === 'idle') {
      this.#resident = program;
      this.#interruptsEnabled = saved.interruptsEnabled;
      this.#deliver();
    }
    return exit;
  }

  run(program: CpuProgram, args?: readonly string[]): ProgramExit {
    const startedNs = this.#clock.now();
    log('run %s %s', program.name, program.version);
    this.#deviceFault = undefined;
    let exit: ProgramExit;
    this.#running++;
    try {
      exit = program.run(this.wire, args);
    } catch (e) {
      if (e instanceof CpuResetSignal) throw e;
      if (this.#deviceFault) throw this.#deviceFault;
      exit = { kind: 'halt', reason: `program fault: ${describeFault(e)}` };
      log('%s faulted: %O', program.name, e);
    } finally {
      this.#running--;
    }
    if (this.#deviceFault) throw this.#deviceFault;
    this.#runs.push({ program: program.name, exit, startedNs, endedNs: this.#clock.now() });
    log('%s exited: %o', program.name, exit);
    if (exit.kind !== 'idle') this.reset();
    else {
      this.#resident = program;
      this.#deliver();
    }
    return exit;
  }

  #deviceError(e: unknown, space: 'port' | 'memory', address: number, access: string): unknown {
    if (e instanceof CpuResetSignal || e instanceof DeviceHandlerError) return e;
    const device = space === 'port'
      ? this.#ports.rangeAt(address)?.name ?? 'unknown'
      : this.#memory.resolve(address)?.mapping.name ?? 'unknown';
    const fault = new DeviceHandlerError(device, space, address, access, e);
    this.#deviceFault ??= fault;
    log('%s', fault.message);
    return fault;
  }

  #in(port: number, size: AccessSize): number {
    this.#clock.advance(PORT_IO_NS);
    try {
      return this.#ports.read(port, size);
    } catch (e) {
      throw this.#deviceError(e, 'port', port & 0xffff, `in${size * 8}`);
    }
  }

  #out(port: number, size: AccessSize, value: number): void {
    this.#clock.advance(PORT_IO_NS);
    try {
      this.#ports.write(port, size, value);
    } catch (e) {
      throw this.#deviceError(e, 'port', port & 0xffff, `out${size * 8}`);
    }
  }

  in8(port: number): number {
    return this.#in(port, 1);
  }
  in16(port: number): number {
    return this.#in(port, 2);
  }
  in32(port: number): number {
    return this.#in(port, 4) >>> 0;
  }
  out8(port: number, value: number): void {
    this.#out(port, 1, value & 0xff);
  }
  out16(port: number, value: number): void {
    this.#out(port, 2, value & 0xffff);
  }
  out32(port: number, value: number): void {
    this.#out(port, 4, value >>> 0);
  }

  // Each access catches in place (no closure per access: a boot makes thousands).
  read8(addr: number): number {
    try {
      return this.#memory.read(addr, 1);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'read8');
    }
  }
  read16(addr: number): number {
    try {
      return this.#memory.read(addr, 2);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'read16');
    }
  }
  read32(addr: number): number {
    try {
      return this.#memory.read(addr, 4) >>> 0;
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'read32');
    }
  }
  read64(addr: number): bigint {
    try {
      return this.#memory.read64(addr);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'read64');
    }
  }
  write8(addr: number, value: number): void {
    try {
      this.#memory.write(addr, 1, value & 0xff);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'write8');
    }
  }
  write16(addr: number, value: number): void {
    try {
      this.#memory.write(addr, 2, value & 0xffff);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'write16');
    }
  }
  write32(addr: number, value: number): void {
    try {
      this.#memory.write(addr, 4, value >>> 0);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'write32');
    }
  }
  write64(addr: number, value: bigint): void {
    try {
      this.#memory.write64(addr, value);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'write64');
    }
  }
  readBytes(addr: number, length: number): Uint8Array {
    try {
      return this.#memory.readBytes(addr, length);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'readBytes');
    }
  }
  writeBytes(addr: number, data: Uint8Array): void {
    try {
      this.#memory.writeBytes(addr, data);
    } catch (e) {
      throw this.#deviceError(e, 'memory', addr, 'writeBytes');
    }
  }

  now(): number {
    return this.#clock.now();
  }
  delay(ns: number): void {
    if (this.#companions) this.#companions.runFor(ns);
    else this.#clock.advance(ns);
  }

  /** Other CPUs to run while the program waits in `delay` (undefined: none, the time just passes). */
  setCompanions(companions: { runFor(ns: number): void } | undefined): void {
    this.#companions = companions;
  }

  onInterrupt(handler: ((irq: number) => void) | undefined): void {
    this.#handler = handler;
  }
  setInterruptsEnabled(enabled: boolean): void {
    this.#interruptsEnabled = enabled;
    if (enabled) this.#deliver();
  }
  halt(): boolean {
    const delivered = this.#deliver();
    if (!delivered) this.#clock.skipToNextTimer();
    return delivered || this.#deliver();
  }

  #poweredOff(reason: string): void {
    const p = this.#resident;
    const now = this.#clock.now();
    if (p) this.#runs.push({ program: p.name, exit: { kind: 'halt', reason }, startedNs: now, endedNs: now });
    log('%s: %s', p?.name ?? 'idle', reason);
    this.reset();
  }

  /** Deliver pending interrupts, lowest line first, until none is pending or deliverable. */
  #deliver(): boolean {
    if (!this.#handler || !this.#interruptsEnabled || this.#inHandler) return false;
    let delivered = false;
    let rounds = 0;
    for (;;) {
      const pending = this.#lines.asserted & ~this.#masked;
      if (pending === 0) break;
      const line = 31 - Math.clz32(pending & -pending);
      if (++rounds > MAX_REDELIVERIES) {
        this.#masked |= 1 << line;
        log('line %d stays asserted after %d deliveries: masked until it drops', line, MAX_REDELIVERIES);
        continue;
      }
      this.#inHandler = true;
      try {
        this.#handler(line);
      } catch (e) {
        if (e instanceof CpuPowerOffSignal && this.#running === 0) {
          // The idle program's handler powered the machine off (the power button's soft-off): it is done.
          this.#poweredOff(e.message);
          return true;
        }
        if (e instanceof CpuResetSignal || e instanceof DeviceHandlerError) throw e;
        // A faulting interrupt handler is the program's crash, not the machine's: stop delivering to it.
        this.#faults.push(`interrupt handler faulted on line ${line}: ${describeFault(e)}`);
        log('interrupt handler faulted: %O', e);
        this.#handler = undefined;
      } finally {
        this.#inHandler = false;
      }
      delivered = true;
      if (!this.#handler || !this.#interruptsEnabled) break;
    }
    return delivered;
  }
}

function describeFault(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
