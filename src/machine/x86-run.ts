import type { X86Cpu } from './cpu/x86/x86-cpu.js';
import { CpuResetSignal, CpuSuspendSignal } from './cpu/cpu-core.js';
import { DeviceHandlerError } from './cpu/device-fault.js';
import type { VirtualClock } from './clock.js';
import type { ProgramExit } from '../spec/cpu-wire.js';
import { logger } from '../lib/log.js';

/** DEBUG=fwlab:x86-sample: where the guest is at the end of each slice (a poor man's guest profiler). */
const sample = logger('x86-sample');

/** Virtual time between checks of the stop condition and the NMI line. */
const SLICE_NS = 1e6;

/** What stops the CPU for good or asks the owner: a reset request (0xCF9, 0xFE, port 0x92) or a triple fault. */
export type X86ResetCause = { readonly kind: 'reset-request'; readonly why: string } | { readonly kind: 'triple-fault'; readonly why: string };

export interface X86RunOptions {
  readonly clock: VirtualClock;
  /** The local APIC's NMI latch, polled once per slice. */
  takeNmi(): boolean;
  /** Virtual time at which the run ends. */
  readonly endNs: number;
  /** Stop once this returns true (checked every slice), e.g. a console marker. */
  readonly until?: (() => boolean) | undefined;
  /** A reset or triple fault: the exit that ends the run, or undefined once the owner reset the machine and the CPU. */
  onReset(cause: X86ResetCause): ProgramExit | undefined;
  /** The machine went to S3: the exit that ends the run, or undefined once the owner woke it and reset the CPU. */
  onSuspend(): ProgramExit | undefined;
}

/**
 * The x86 core's run loop on a machine, shared by a raw firmware (`-bios`) and code the fwlab
 * firmware booted: run in slices of virtual time, deliver NMIs, skip idle HLT to the next timer,
 * end at `cli; hlt`, when idle with no timer left, at the stop condition or when the time is spent.
 */
export function runX86(cpu: X86Cpu, o: X86RunOptions): ProgramExit {
  for (;;) {
    if (o.until?.()) return { kind: 'halt', reason: 'stop condition reached' };
    const left = o.endNs - o.clock.now();
    if (left <= 0) return { kind: 'halt', reason: 'virtual time budget spent' };
    if (o.takeNmi()) cpu.nmi();
    let stop;
    try {
      stop = cpu.run(Math.min(left, SLICE_NS));
      if (sample.enabled) sample('%d %s', Math.floor(o.clock.now() / 1e6), cpu.where());
    } catch (e) {
      const signal = e instanceof DeviceHandlerError ? e.cause : e;
      if (!(signal instanceof CpuResetSignal)) throw e;
      const exit = signal instanceof CpuSuspendSignal ? o.onSuspend() : o.onReset({ kind: 'reset-request', why: signal.message });
      if (exit) return exit;
      continue;
    }
    if (stop === 'idle') {
      if (!o.clock.skipToNextTimer()) return { kind: 'idle' };
    } else if (stop === 'halted') {
      return { kind: 'halt', reason: `hlt with interrupts disabled at ${cpu.where()}` };
    } else if (stop === 'shutdown') {
      const x = cpu.lastException;
      const at = x ? `${x.cs.toString(16).padStart(4, '0')}:${x.eip.toString(16).padStart(8, '0')}` : cpu.where();
      const exit = o.onReset({ kind: 'triple-fault', why: `triple fault at ${at} (exception ${x?.vector ?? '?'})` });
      if (exit) return exit;
    }
  }
}
