/**
 * The x86 run in a snapshot (decision 0048): which run holds the core — a raw firmware (`--bios
 * IMAGE`) or x86 code fwlab's firmware booted — when it started on the virtual clock, and the
 * core's register file (X86Cpu.saveState). Registered once as the `x86` section; a run in progress
 * (or stopped at its budget) puts its core here, a machine reset or a JS program taking the CPU
 * clears it. On restore the loaded state waits here until the run is resumed on a new core.
 */
import type { X86Cpu } from './cpu/x86/x86-cpu.js';
import type { PartState, Snapshottable } from './snapshot/part-state.js';
import { SnapshotMismatch, SnapshotRefused, jsonObject, num } from './snapshot/part-state.js';

export type X86RunKind = 'raw' | 'booted';

export interface LoadedX86Run {
  readonly kind: X86RunKind;
  /** Virtual time the run started: `--run-for` counts from here, before and after a restore. */
  readonly startNs: number;
  readonly cpu: PartState;
}

export class X86RunState implements Snapshottable {
  #cpu: X86Cpu | undefined;
  #kind: X86RunKind = 'raw';
  #startNs = 0;
  #loaded: LoadedX86Run | undefined;
  #running = false;

  /**
   * `cpus`: the x86 CPUs present now and how many of them device_add plugged; a snapshot holds the
   * state of one.
   */
  constructor(private readonly cpus: () => { readonly present: number; readonly plugged: number } = () => ({ present: 1, plugged: 0 })) {}

  /** A run puts its core here when it starts (and again when a restored run resumes). */
  begin(cpu: X86Cpu, kind: X86RunKind, startNs: number): void {
    this.#cpu = cpu;
    this.#kind = kind;
    this.#startNs = startNs;
  }

  /** Run `f` (runX86): meanwhile the core may be inside an instruction, and a snapshot is refused. */
  during<T>(f: () => T): T {
    this.#running = true;
    try {
      return f();
    } finally {
      this.#running = false;
    }
  }

  /** No x86 run holds the CPU (reset, power cycle, the JS firmware running). */
  clear(): void {
    this.#cpu = undefined;
  }

  get cpu(): X86Cpu | undefined {
    return this.#cpu;
  }

  saveState(): PartState {
    // Decision 0044/0048: the APs' registers, INIT/SIPI state and turn order are not in a snapshot.
    const { present, plugged } = this.cpus();
    if (present > 1) throw new SnapshotRefused(`${present} CPUs (${plugged ? `-smp and ${plugged} by device_add` : '-smp'}): only a one-CPU machine can be saved (the application processors' state is not in a snapshot)`);
    const cpu = this.#cpu;
    if (!cpu) return { json: null };
    if (this.#running) throw new SnapshotRefused('x86 code is running: migrate once its run stopped (--run-for, --until), from --monitor');
    const s = cpu.saveState();
    return { json: { kind: this.#kind, startNs: this.#startNs, cpu: s.json ?? null }, ...(s.bytes ? { bytes: s.bytes } : {}) };
  }

  loadState(state: PartState): void {
    this.#cpu = undefined;
    this.#loaded = undefined;
    if (state.json === null || state.json === undefined) return;
    const o = jsonObject(state, 'x86');
    const kind = o.kind;
    if (kind !== 'raw' && kind !== 'booted') throw new SnapshotMismatch(`x86: unknown run kind ${String(kind)}`);
    this.#loaded = { kind, startNs: num(o, 'startNs'), cpu: { json: o.cpu ?? null, ...(state.bytes ? { bytes: state.bytes } : {}) } };
  }

  /** The run a loaded snapshot holds (once): the caller builds a core, loads `cpu` into it and resumes. */
  takeLoaded(): LoadedX86Run | undefined {
    const l = this.#loaded;
    this.#loaded = undefined;
    return l;
  }

  /** What a loaded snapshot holds, without taking it. */
  get loaded(): LoadedX86Run | undefined {
    return this.#loaded;
  }
}
