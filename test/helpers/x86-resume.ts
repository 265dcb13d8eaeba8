import { createHash } from 'node:crypto';
import { bootMachine, createMachine, restoreMachine, saveSnapshot } from '../../src/machine/create-machine.js';
import type { BootOptions } from '../../src/machine/create-machine.js';
import type { Machine } from '../../src/machine/machine.js';

const VERSION = 'test';

/** The whole machine as a snapshot sees it, one line per section: its JSON and a digest of its bytes. */
export function machineState(m: Machine): string[] {
  return m.saveState().map(({ name, state }) => {
    const bytes = state.bytes ? createHash('sha256').update(state.bytes).digest('hex').slice(0, 16) : '-';
    return `${name} ${JSON.stringify(state.json ?? null)} ${bytes}`;
  });
}

export function serialOf(m: Machine): string {
  return m.serialPorts[0]?.output ?? '';
}

/** The debug console's bytes (line ends dropped: a line the snapshot cut shows as two lines). */
export function debugconOf(m: Machine): string {
  m.consoleLines();
  return m.debugConsole.lines.join('');
}

export interface ResumeComparison {
  /** The straight run to T2. */
  readonly straight: { serial: string; debugcon: string; state: string[]; now: number };
  /** Run to T1, snapshot, restore into a fresh machine, run to T2: serial before + after, state at the end. */
  readonly resumed: { serial: string; debugcon: string; state: string[]; now: number; serialBefore: string; debugconBefore: string; snapshotBytes: number };
}

/**
 * The determinism check of decision 0048: the same options run straight to `t2` (virtual ns from
 * the x86 run's start), and to `t1`, migrated to snapshot bytes, restored into a fresh machine and
 * run on to `t2`.
 */
export async function compareResume(args: readonly string[], options: BootOptions, t1: number, t2: number): Promise<ResumeComparison> {
  const a = (await bootMachine(createMachine(args), { ...options, runForNs: t2 })).machine;
  const b = (await bootMachine(createMachine(args), { ...options, runForNs: t1 })).machine;
  const snap = saveSnapshot(b, VERSION);
  const c = createMachine(args);
  await restoreMachine(c, snap, 'test snapshot', VERSION, { ...options, runForNs: t2 });
  return {
    straight: { serial: serialOf(a), debugcon: debugconOf(a), state: machineState(a), now: a.clock.now() },
    resumed: {
      serial: serialOf(b) + serialOf(c), debugcon: debugconOf(b) + debugconOf(c), state: machineState(c), now: c.clock.now(),
      serialBefore: serialOf(b), debugconBefore: debugconOf(b), snapshotBytes: snap.length,
    },
  };
}

/** The first line where two states differ, for an assertion message. */
export function firstDifference(a: readonly string[], b: readonly string[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `straight: ${(a[i] ?? '(none)').slice(0, 600)}\nresumed:  ${(b[i] ?? '(none)').slice(0, 600)}`;
  }
  return '';
}
