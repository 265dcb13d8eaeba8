/**
 * One batch of a campaign in this process: fast-check runs `runs` cases from `seed`; the first
 * finding is shrunk to a minimal case. The oracle around each case: the target's `run` may throw
 * only on a finding; a case slower than `hangMs` or a heap past `memoryMiB` is a finding too.
 */
import fc from 'fast-check';
import type { CaseOutcome, FuzzCase, FuzzTarget } from './target.js';
import { OracleViolation } from './target.js';

export interface BatchOptions {
  readonly seed: number;
  readonly runs: number;
  /** Wall-clock budget of one case in ms (the hang oracle); Infinity in tests. */
  readonly hangMs?: number;
  /** Heap budget of the process in MiB, checked every 256 cases (the bounded-memory oracle). */
  readonly memoryMiB?: number;
  /** Replay one case: fast-check's counterexample path printed with a finding. */
  readonly path?: string;
  /** Skip shrinking (faster report of a finding). */
  readonly noShrink?: boolean;
  /** Called before each case with its index in the batch (a watchdog's progress mark). */
  readonly onCase?: (index: number) => void;
}

export interface Finding {
  readonly seed: number;
  readonly path: string;
  readonly case: string;
  readonly error: string;
  readonly shrinks: number;
  /** The error's stack and its cause's, a few frames each (where to look). */
  readonly stack: string;
}

export interface BatchResult {
  readonly target: string;
  readonly seed: number;
  readonly runs: number;
  readonly typed: number;
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly finding?: Finding;
}

export async function runBatch(target: FuzzTarget, options: BatchOptions): Promise<BatchResult> {
  const fuzz = await target.prepare();
  return runPrepared(target.name, fuzz, options);
}

export async function runPrepared<T>(name: string, fuzz: FuzzCase<T>, options: BatchOptions): Promise<BatchResult> {
  const hangMs = options.hangMs ?? Infinity;
  const memoryBytes = (options.memoryMiB ?? Infinity) * 2 ** 20;
  let typed = 0;
  let count = 0;
  const started = performance.now();
  const check = (took: number, outcome: CaseOutcome) => {
    if (took > hangMs) throw new OracleViolation(`case took ${Math.round(took)} ms, budget ${hangMs} ms`);
    if (++count % 256 === 0 && process.memoryUsage().heapUsed > memoryBytes) {
      throw new OracleViolation(`heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB after ${count} cases, budget ${options.memoryMiB} MiB`);
    }
    typed += outcome.typed;
  };
  const params = {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.noShrink ? { endOnFailure: true } : {}),
  };
  const details = fuzz.async
    ? await fc.check(fc.asyncProperty(fuzz.arbitrary, async (input) => {
      options.onCase?.(count);
      const t0 = performance.now();
      const outcome = await fuzz.run(input);
      check(performance.now() - t0, outcome);
    }), params)
    : fc.check(fc.property(fuzz.arbitrary, (input) => {
      options.onCase?.(count);
      const t0 = performance.now();
      const outcome = fuzz.run(input);
      if (outcome instanceof Promise) throw new Error(`${name}: run returned a promise; mark the case async`);
      check(performance.now() - t0, outcome);
    }), params);
  const ms = Math.round(performance.now() - started);
  const maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const base = { target: name, seed: options.seed, runs: details.numRuns, typed, ms, maxRssMiB };
  if (!details.failed) return base;
  const input = details.counterexample?.[0] as T;
  const err = details.errorInstance;
  return {
    ...base,
    finding: {
      seed: options.seed,
      path: details.counterexamplePath ?? '',
      case: details.counterexample ? fuzz.describe(input) : '(none)',
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      shrinks: details.numShrinks,
      stack: stackOf(err),
    },
  };
}

function stackOf(e: unknown): string {
  const frames = (x: unknown) => (x instanceof Error ? (x.stack ?? '').split('\n').slice(0, 7).join('\n') : '');
  const cause = e instanceof Error ? e.cause : undefined;
  return [frames(e), frames(cause)].filter(Boolean).join('\ncaused by ');
}

/** Runs every case of the target's matrix once, in order; stops at the first finding. */
export async function runMatrix(target: FuzzTarget): Promise<BatchResult> {
  const fuzz = await target.prepare();
  const cases = fuzz.matrix ?? [];
  const started = performance.now();
  let typed = 0;
  for (let i = 0; i < cases.length; i++) {
    try {
      typed += (await fuzz.run(cases[i])).typed;
    } catch (e) {
      const err = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return { target: target.name, seed: 0, runs: i, typed, ms: Math.round(performance.now() - started), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        finding: { seed: 0, path: `matrix:${i}`, case: fuzz.describe(cases[i]), error: err, shrinks: 0, stack: stackOf(e) } };
    }
  }
  return { target: target.name, seed: 0, runs: cases.length, typed, ms: Math.round(performance.now() - started), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}
