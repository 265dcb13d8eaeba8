import type { X86Cpu, X86StopReason } from './cpu/x86/x86-cpu.js';
import { CpuPowerOffSignal, CpuResetSignal, CpuSuspendSignal, HostResetSignal } from './cpu/cpu-core.js';
import { DeviceHandlerError } from './cpu/device-fault.js';
import type { VirtualClock } from './clock.js';
import type { ProgramExit } from '../spec/cpu-wire.js';
import { logger } from '../lib/log.js';

/** DEBUG=fwlab:x86-sample: where the guest is at the end of each slice (a poor man's guest profiler). */
const sample = logger('x86-sample');

/** Virtual time between checks of the stop condition and the NMI line. */
const SLICE_NS = 1e6;
/**
 * With more than one CPU, each CPU's turn in the round: short, so that an IPI, a lock released or
 * a device interrupt reaches a CPU soon; a CPU that spins with PAUSE gives up its turn earlier.
 */
const MP_SLICE_NS = 1e5;

/** What stops the CPU for good or asks the owner: a reset request (0xCF9, 0xFE, port 0x92) or a triple fault. */
export type X86ResetCause = { readonly kind: 'reset-request' | 'host-reset' | 'triple-fault'; readonly why: string };

export interface X86RunOptions {
  readonly clock: VirtualClock;
  /** CPU `index`'s local APIC NMI latch, polled before each of its turns. */
  takeNmi(index: number): boolean;
  /** CPU `index` is about to run: its local APIC answers at 0xFEE00000. */
  select?(index: number): void;
  /**
   * Before each round of turns: the owner may add or drop cores in `cpus` (CPU hot-plug), only
   * here, so indexes hold for a round; true when it did.
   */
  sync?(): boolean;
  /** Virtual time at which the run ends. */
  readonly endNs: number;
  /** Stop once this returns true (checked every slice), e.g. a console marker. */
  readonly until?: (() => boolean) | undefined;
  /**
   * Before this virtual time a BSP in `cli; hlt` does not end the run (a monitor command is
   * scheduled then: QEMU keeps a halted machine and takes commands).
   */
  readonly holdUntilNs?: number | undefined;
  /** A reset or triple fault: the exit that ends the run, or undefined once the owner reset the machine and the CPUs. */
  onReset(cause: X86ResetCause): ProgramExit | undefined;
  /** The machine went to S3: the exit that ends the run, or undefined once the owner woke it and reset the CPUs. */
  onSuspend(): ProgramExit | undefined;
}

type Turn = { readonly stop: X86StopReason } | { readonly exit: ProgramExit | undefined };

/**
 * The x86 cores' run loop on a machine, shared by a raw firmware (`-bios`) and code the fwlab
 * firmware booted. The CPUs take turns on the one virtual clock in a fixed round-robin order (so a
 * run is the same every time): each runs a slice of virtual time, or less when it spins with PAUSE;
 * a halted CPU or one waiting for SIPI costs nothing. NMIs are delivered at the start of a turn.
 * When no CPU has work, the clock skips to the next timer; the run ends when the BSP is in
 * `cli; hlt` and no other CPU works, when idle with no timer left, at the stop condition, or when
 * the time is spent.
 */
export function runX86(cpus: readonly X86Cpu[], o: X86RunOptions): ProgramExit {
  try {
    return roundRobin(cpus, o);
  } finally {
    // What runs next on the wire (the firmware after a reboot, a JS guest) is the BSP.
    o.select?.(0);
  }
}

function roundRobin(cpus: readonly X86Cpu[], o: X86RunOptions): ProgramExit {
  let slice = cpus.length > 1 ? MP_SLICE_NS : SLICE_NS;
  let last: X86StopReason[] = cpus.map(() => 'budget');
  for (;;) {
    if (o.sync?.()) {
      slice = cpus.length > 1 ? MP_SLICE_NS : SLICE_NS;
      last = cpus.map(() => 'budget');
    }
    if (o.until?.()) return { kind: 'halt', reason: 'stop condition reached' };
    if (o.endNs - o.clock.now() <= 0) return { kind: 'halt', reason: 'virtual time budget spent' };
    let busy = false;
    let bspHalted = false;
    let restarted = false;
    for (let i = 0; i < cpus.length; i++) {
      const cpu = cpus[i]!;
      const left = o.endNs - o.clock.now();
      if (left <= 0) break;
      if (cpus.length > 1) cpu.pauseYields = othersWork(last, i);
      const turn = runTurn(cpu, i, Math.min(left, slice), o);
      if ('exit' in turn) {
        if (turn.exit) return turn.exit;
        last.fill('budget');
        restarted = true;
        break;
      }
      last[i] = turn.stop;
      if (turn.stop === 'idle') continue;
      if (turn.stop === 'halted') { if (i === 0) bspHalted = true; continue; }
      busy = true;
    }
    if (busy || restarted) continue;
    if (bspHalted && !(o.holdUntilNs !== undefined && o.clock.now() < o.holdUntilNs)) {
      return { kind: 'halt', reason: `hlt with interrupts disabled at ${cpus[0]!.where()}` };
    }
    let skipped: boolean;
    try {
      skipped = o.clock.skipToNextTimer();
    } catch (e) {
      // A timer's device or a monitor command (system_reset) at that instant reset the machine.
      const exit = signalExit(e, o);
      if (exit) return exit;
      last.fill('budget');
      continue;
    }
    if (!skipped) return { kind: 'idle' };
  }
}

/**
 * The APs' turns while the BSP runs a program on the CPU wire that spins for `ns` (fwlab's
 * firmware waiting for the APs to check in): round-robin as in runX86, the clock skipping to the
 * end once no AP has work. A triple-faulted AP stays stopped.
 */
export function runApsFor(cpus: readonly X86Cpu[], o: Pick<X86RunOptions, 'clock' | 'takeNmi' | 'select' | 'sync'>, ns: number): void {
  const end = o.clock.now() + ns;
  let last: X86StopReason[] = cpus.map(() => 'budget');
  try {
    for (;;) {
      if (o.sync?.()) last = cpus.map(() => 'budget');
      let busy = false;
      for (let i = 1; i < cpus.length; i++) {
        const left = end - o.clock.now();
        if (left <= 0) break;
        o.select?.(i);
        if (o.takeNmi(i)) cpus[i]!.nmi();
        cpus[i]!.pauseYields = othersWork(last, i, 1);
        const stop = last[i] = cpus[i]!.run(Math.min(left, MP_SLICE_NS));
        if (stop === 'budget' || stop === 'yield' || stop === 'stop') busy = true;
      }
      const left = end - o.clock.now();
      if (left <= 0) return;
      if (!busy) { o.clock.advance(left); return; }
    }
  } finally {
    o.select?.(0);
  }
}

/**
 * Whether a CPU other than `self` (from `first` on) worked in its last turn: only then does PAUSE
 * hand the turn on (a spin-wait beside CPUs in HLT would otherwise pay a round per PAUSE). A CPU
 * woken meanwhile by an IPI or a timer runs at the next round.
 */
function othersWork(last: readonly X86StopReason[], self: number, first = 0): boolean {
  for (let j = first; j < last.length; j++) if (j !== self && last[j] !== 'idle' && last[j] !== 'halted') return true;
  return false;
}

/** One CPU's turn: its stop reason, or the owner's answer to a reset, suspend or triple fault. */
function runTurn(cpu: X86Cpu, index: number, budget: number, o: X86RunOptions): Turn {
  o.select?.(index);
  if (o.takeNmi(index)) cpu.nmi();
  let stop: X86StopReason;
  try {
    stop = cpu.run(budget);
    if (sample.enabled) sample('%d cpu%d %s', Math.floor(o.clock.now() / 1e6), index, cpu.where());
  } catch (e) {
    return { exit: signalExit(e, o) };
  }
  if (stop === 'shutdown') {
    const x = cpu.lastException;
    const at = x ? `${x.cs.toString(16).padStart(4, '0')}:${x.eip.toString(16).padStart(8, '0')}` : cpu.where();
    return { exit: o.onReset({ kind: 'triple-fault', why: `triple fault at ${at} (exception ${x?.vector ?? '?'})` }) };
  }
  return { stop };
}

/** A reset, suspend or power-off raised while a CPU ran (or the clock skipped ahead): the owner's answer; anything else is rethrown. */
function signalExit(e: unknown, o: X86RunOptions): ProgramExit | undefined {
  const signal = e instanceof DeviceHandlerError ? e.cause : e;
  if (!(signal instanceof CpuResetSignal)) throw e;
  if (signal instanceof CpuPowerOffSignal) return { kind: 'halt', reason: signal.message };
  if (signal instanceof CpuSuspendSignal) return o.onSuspend();
  return o.onReset({ kind: signal instanceof HostResetSignal ? 'host-reset' : 'reset-request', why: signal.message });
}
