/**
 * `fwlab boot --qmp-at TIME:JSON`: a QMP command run at a virtual time of the boot, for guests
 * that keep running (a probe polling the GUID while `set-vm-generation-id` changes it). TIME is
 * virtual time since power-on: `300ms`, `2s`, or a bare number of milliseconds. The command starts
 * at that instant on the virtual clock, between two instructions; its reply goes to `onReply`.
 */
import { UsageError } from '../../lib/errors.js';
import type { Machine } from '../../inspect.js';
import type { MonitorSession, QmpCommand, QmpReply } from './monitor-session.js';

export interface ScheduledQmp {
  readonly atNs: number;
  readonly command: QmpCommand;
  /** As given on the command line, for messages. */
  readonly text: string;
}

const NS_PER: Readonly<Record<string, number>> = { ms: 1e6, s: 1e9, '': 1e6 };

export function parseQmpAt(text: string): ScheduledQmp {
  const m = /^\s*(\d+(?:\.\d+)?)(ms|s)?\s*:(.*)$/s.exec(text);
  if (!m) throw new UsageError(`--qmp-at ${text}: expected TIME:JSON (TIME as 300ms, 2s or milliseconds)`);
  let command: unknown;
  try {
    command = JSON.parse(m[3]!);
  } catch {
    throw new UsageError(`--qmp-at ${text}: the command is not JSON`);
  }
  if (typeof command !== 'object' || command === null || typeof (command as QmpCommand).execute !== 'string') {
    throw new UsageError(`--qmp-at ${text}: expected a QMP command {"execute":...}`);
  }
  return { atNs: Math.round(Number(m[1]) * NS_PER[m[2] ?? '']!), command: command as QmpCommand, text };
}

/** Every `--qmp-at VALUE` (repeatable) taken out of `args`, the rest kept in order. */
export function takeQmpAt(args: readonly string[]): { rest: string[]; values: string[] } {
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--qmp-at=')) values.push(a.slice('--qmp-at='.length));
    else if (a === '--qmp-at') {
      if (i + 1 >= args.length) throw new UsageError("option '--qmp-at' needs a value");
      values.push(args[++i]!);
    } else rest.push(a);
  }
  return { rest, values };
}

/**
 * Negotiate the session, then put each command on the machine's virtual clock (timers survive the
 * reset at power-on; a power cycle clears them).
 */
export async function scheduleQmp(
  machine: Machine, session: MonitorSession, entries: readonly ScheduledQmp[],
  onReply: (entry: ScheduledQmp, reply: QmpReply, startedNs: number) => void,
  hooks: QmpAtHooks = {},
): Promise<void> {
  await session.handle({ execute: 'qmp_capabilities' });
  if (entries.length) machine.holdUntilNs = Math.max(...entries.map((e) => e.atNs)) + 1;
  for (const e of entries) {
    machine.clock.schedule(e.atNs, () => {
      hooks.before?.(e);
      const started = machine.clock.now();
      session.atVirtualTime = true;
      const reply = session.handle(e.command);
      session.atVirtualTime = false;
      hooks.after?.(e, reply, started);
      void reply.then((r) => onReply(e, r, started));
      // A system_reset stops the CPU here, at the command's instant, as a guest's 0xCF9 write would.
      machine.takeHostRequest();
    });
  }
}

/**
 * Around each scheduled command, on the virtual clock: `before` it starts, `after` its synchronous
 * part ran (a command's effects on the machine are done by then; its reply settles later).
 */
export interface QmpAtHooks {
  readonly before?: (entry: ScheduledQmp) => void;
  readonly after?: (entry: ScheduledQmp, reply: Promise<QmpReply>, startedNs: number) => void;
}
