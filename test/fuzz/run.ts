/**
 * `npm run fuzz -- --target NAME --iterations N --seed S [--batch B] [--hang-ms MS] [--replay SEED:PATH] [--matrix]`
 *
 * A campaign is cut into batches of B cases (the target's default); each batch runs in a fresh child
 * process so memory stays bounded whatever a case leaves behind, with fast-check seed S + batch index,
 * so the same command reproduces the same cases. The first finding stops the campaign and is printed
 * with the batch seed and fast-check's path: `--replay SEED:PATH` runs that one case again.
 * `--matrix` runs a target's fixed matrix instead (cli: every option with every malformed value).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTarget, targetNames } from './registry.js';
import { runBatch, runMatrix } from './batch.js';
import type { BatchResult } from './batch.js';

interface Args {
  target?: string;
  iterations: number;
  seed: number;
  batch?: number;
  hangMs: number;
  memoryMiB: number;
  replay?: string;
  progress?: string;
  matrix: boolean;
  child: boolean;
}

function parse(argv: readonly string[]): Args {
  const a: Args = { iterations: 1000, seed: 1, hangMs: 10_000, memoryMiB: 1536, matrix: false, child: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) fail(`${k} needs a value`);
      return x;
    };
    const int = (): number => {
      const s = v();
      const n = Number(s);
      if (!Number.isSafeInteger(n) || n < 0) fail(`${k} ${s}: not a non-negative integer`);
      return n;
    };
    if (k === '--target') a.target = v();
    else if (k === '--iterations') a.iterations = int();
    else if (k === '--seed') a.seed = int();
    else if (k === '--batch') a.batch = int() || 1;
    else if (k === '--hang-ms') a.hangMs = int();
    else if (k === '--memory-mib') a.memoryMiB = int();
    else if (k === '--replay') a.replay = v();
    else if (k === '--child') a.child = true;
    else if (k === '--matrix') a.matrix = true;
    else if (k === '--progress') a.progress = v();
    else fail(`unknown option '${k}'`);
  }
  return a;
}

function fail(message: string): never {
  process.stderr.write(`fuzz: ${message}\n`);
  process.exit(2);
}

function childBatch(args: Args, seed: number, runs: number): Promise<BatchResult> {
  const me = fileURLToPath(import.meta.url);
  const progress = join(mkdtempSync(join(tmpdir(), 'fwlab-fuzz-')), 'progress');
  writeFileSync(progress, '');
  const child = fork(me, ['--child', '--target', args.target!, '--seed', String(seed), '--iterations', String(runs),
    '--hang-ms', String(args.hangMs), '--memory-mib', String(args.memoryMiB), '--progress', progress], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  // The watchdog: a case that never returns stops the progress mark; after 3 budgets the batch is
  // killed and that case (fast-check path = its index) is the finding.
  let mark = '';
  let still = 0;
  let hung = '';
  const poll = 2000;
  const timer = setInterval(() => {
    const now = readFileSync(progress, 'utf8');
    still = now === mark ? still + poll : 0;
    mark = now;
    if (still >= Math.max(30_000, 3 * args.hangMs)) {
      hung = now.trim();
      child.kill('SIGKILL');
    }
  }, poll);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      rmSync(dirname(progress), { recursive: true, force: true });
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as BatchResult);
      } catch {
        const why = hung ? `case ${hung} of the batch did not return in ${Math.round(still / 1000)} s (a hang)` : `child exited ${code ?? signal}`;
        resolve({
          target: args.target!, seed, runs: 0, typed: 0, ms: 0, maxRssMiB: 0,
          finding: { seed, path: hung, case: hung ? `case ${hung} (replay it)` : '(the batch)', error: why, shrinks: 0, stack: '' },
        });
      }
    });
  });
}

async function main(): Promise<void> {
  // The differential configuration fuzzer against real QEMU has its own runner (bench/fuzz.ts).
  if (process.argv.includes('--target') && process.argv[process.argv.indexOf('--target') + 1] === 'config') {
    await import('../../bench/fuzz.js');
    return;
  }
  const args = parse(process.argv.slice(2));
  if (!args.target) fail(`--target is required (${[...targetNames(), 'config'].join('|')})`);
  const target = await loadTarget(args.target);
  if (!target) fail(`unknown target '${args.target}' (${targetNames().join('|')})`);
  const unavailable = target.unavailable();
  if (unavailable) {
    console.log(`fuzz ${target.name}: not available: ${unavailable}`);
    return;
  }
  if (args.child) {
    const fd = args.progress ? openSync(args.progress, 'r+') : undefined;
    const onCase = fd === undefined ? undefined : (i: number) => { writeSync(fd, String(i).padEnd(12), 0); };
    const r = await runBatch(target, { seed: args.seed, runs: args.iterations, hangMs: args.hangMs, memoryMiB: args.memoryMiB, ...(onCase ? { onCase } : {}) });
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  if (args.matrix) {
    const r = await runMatrix(target);
    const f = r.finding;
    console.log(`fuzz ${target.name} matrix: ${r.runs} cases, ${f ? `FINDING: ${f.error}\n  case: ${f.case}` : '0 internal errors'}, ${r.typed} typed errors, ${(r.ms / 1000).toFixed(1)} s`);
    process.exitCode = f ? 1 : 0;
    return;
  }
  if (args.replay) {
    const [s, ...p] = args.replay.split(':');
    const r = await runBatch(target, { seed: Number(s), runs: 1, path: p.join(':'), hangMs: args.hangMs });
    console.log(r.finding ? `finding: ${r.finding.error}\ncase: ${r.finding.case}\n${r.finding.stack}` : 'replayed: no finding');
    process.exitCode = r.finding ? 1 : 0;
    return;
  }
  const batch = args.batch ?? target.batchSize;
  console.log(`fuzz ${target.name}: ${target.summary}; ${args.iterations} cases, seed ${args.seed}, batches of ${batch}`);
  const started = Date.now();
  let runs = 0;
  let typed = 0;
  let maxRss = 0;
  for (let b = 0; runs < args.iterations; b++) {
    const n = Math.min(batch, args.iterations - runs);
    const r = await childBatch(args, args.seed + b, n);
    runs += r.runs;
    typed += r.typed;
    maxRss = Math.max(maxRss, r.maxRssMiB);
    console.log(`  batch ${b} (seed ${args.seed + b}): ${r.runs} cases, ${r.typed} typed errors, ${r.ms} ms, max RSS ${r.maxRssMiB} MiB`);
    if (r.finding) {
      const f = r.finding;
      console.log(`FINDING in batch ${b}: ${f.error}\n  minimal case (${f.shrinks} shrinks): ${f.case}\n  replay: npm run fuzz -- --target ${target.name} --replay ${f.seed}:${f.path}`);
      process.exitCode = 1;
      break;
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz ${target.name}: ${runs} cases, ${process.exitCode === 1 ? 'a finding' : '0 internal errors'}, ${typed} typed errors, max RSS ${maxRss} MiB, ${secs} s`);
}

await main();
