/** Timing helpers for the bench: medians, interleaved pairs, processes timed to a marker. */
import { spawn, spawnSync } from 'node:child_process';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export const ms = (x: number, digits = 1): string => `${x.toFixed(digits)} ms`;

/** Time `fn` `runs` times after `warmup` untimed runs; returns each run's milliseconds. */
export async function timeRuns(runs: number, warmup: number, fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export interface ProcessRun {
  /** Wall milliseconds from spawn to the marker (or to exit without a marker). */
  readonly ms: number;
  /** The marker was seen. */
  readonly reached: boolean;
  readonly output: string;
}

/**
 * Start a process and stop the clock when `marker` appears on its stdout or stderr (then kill
 * it), or when it exits. `timeoutMs` bounds a run that never gets there.
 */
export function timeProcess(command: string, args: readonly string[], marker: string | undefined, timeoutMs = 60_000): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let done = false;
    const finish = (reached: boolean) => {
      if (done) return;
      done = true;
      const elapsed = performance.now() - t0;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve({ ms: elapsed, reached, output });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const onData = (b: Buffer) => {
      output += b.toString('latin1');
      if (marker !== undefined && output.includes(marker)) finish(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', () => finish(marker === undefined));
    child.on('error', () => finish(false));
  });
}

/** A command is on PATH (it runs with `probeArgs`). */
export function hasCommand(command: string, probeArgs: readonly string[] = ['--version']): boolean {
  return !spawnSync(command, probeArgs, { stdio: 'ignore', timeout: 20_000 }).error;
}

/**
 * Interleaved runs: one of each contender per round, so load on a shared machine hits them
 * alike. Returns each contender's times in milliseconds.
 */
export async function interleave(rounds: number, contenders: ReadonlyArray<() => Promise<number>>): Promise<number[][]> {
  const out: number[][] = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < contenders.length; i++) out[i]!.push(await contenders[i]!());
  }
  return out;
}
