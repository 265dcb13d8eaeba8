import { UsageError } from './errors.js';

const NS_PER: Readonly<Record<string, number>> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, '': 1e6 };

/** A span of virtual time as options spell it: `300ms`, `2s`, `1.5s`, `500us`, or bare milliseconds. */
export function parseVirtualTime(text: string, option: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)(ns|us|ms|s)?\s*$/.exec(text);
  if (!m) throw new UsageError(`${option} ${text}: expected a virtual time such as 300ms, 2s or milliseconds`);
  const ns = Math.round(Number(m[1]) * NS_PER[m[2] ?? '']!);
  if (!(ns > 0)) throw new UsageError(`${option} ${text}: the time must be more than zero`);
  return ns;
}
