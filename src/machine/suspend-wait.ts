import type { VirtualClock } from './clock.js';
import type { ProgramExit } from '../spec/cpu-wire.js';

/** What a suspended machine needs: its clock and whether a wake-up was asked for. */
export interface SleepingMachine {
  readonly clock: VirtualClock;
  readonly isAsleep: boolean;
  /** Set when the monitor stopped the sleeping machine (system_reset): how the run ends. */
  readonly stoppedAsleep?: string | undefined;
}

/**
 * Suspended to RAM (S3): virtual time passes from timer to timer (a QMP command scheduled with
 * `--qmp-at`, an RTC alarm, the PM timer) until one of them asks for a wake-up. Returns undefined
 * once woken, else how the run ends: the time budget spent, or nothing left that could wake it.
 */
export function sleepUntilWakeup(m: SleepingMachine, endNs: number): ProgramExit | undefined {
  for (;;) {
    if (m.stoppedAsleep !== undefined) return { kind: 'halt', reason: m.stoppedAsleep };
    if (!m.isAsleep) return undefined;
    if (m.clock.now() >= endNs) return { kind: 'halt', reason: 'suspended to RAM (S3) when the virtual time budget was spent' };
    if (!m.clock.skipToNextTimer()) return { kind: 'halt', reason: 'suspended to RAM (S3) with nothing left to wake it' };
  }
}
