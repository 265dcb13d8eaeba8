import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { repoRoot } from '../helpers/paths.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  /** What the child process wrote on stderr (empty for in-process runs: main() writes it directly). */
  readonly err?: string;
  /** Set when main() itself threw (it must not: the CLI turns every error into an exit code). */
  readonly thrown?: string;
}

/** Runs `fwlab ARGV` in-process, capturing what it prints through io.out. */
export async function fwlab(argv: readonly string[]): Promise<CliResult> {
  const lines: string[] = [];
  try {
    const code = await main(argv, { out: (text) => lines.push(text) });
    return { code, out: lines.join('\n') };
  } catch (e) {
    return { code: -1, out: lines.join('\n'), thrown: String((e as Error)?.stack ?? e) };
  }
}

/** Runs `node bin/fwlab.js ARGV` in a child process with a hard timeout (for cases that may hang). */
export function fwlabChild(argv: readonly string[], timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(repoRoot(), 'bin', 'fwlab.js'), ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out: out.trimEnd(), err, ...(signal ? { thrown: `killed by ${signal} after ${timeoutMs} ms; stderr: ${err}` } : {}) });
    });
  });
}

/** Runs TASK over ITEMS with at most N in flight. */
export async function pool<T, R>(items: readonly T[], n: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  }));
  return results;
}

/** Runs acpiexec in batch mode and returns its stdout (+ stderr appended, unless stdoutOnly). */
export function acpiexec(args: readonly string[], stdoutOnly = false): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn('acpiexec', [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', () => resolve(stdoutOnly ? out : out + err));
  });
}
