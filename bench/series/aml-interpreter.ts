/**
 * The AML interpreter side by side with acpiexec 20200925 when installed:
 *  - `While (Local1 < N) { Local0 += 3; Local1++ }` for N = 10^6, and uACPI's ADDM(N) loop
 *  - loading the namespaces of the largest machines of the corpus (FWLAB_CORPUS or ../shared/corpus),
 *    warm in-process against acpiexec's user time, and the first load in a new process (cold)
 *  - the load time against AML bytes over the corpus (a series)
 */
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { AmlInterpreter } from '../../src/guest/aml/index.js';
import { median, ms } from '../lib/measure.js';
import { referenceTools } from '../lib/tools.js';
import type { BenchContext, Goal, Section } from '../lib/section.js';

/** iasl output of: Method (MAIN, 1) { Local0 = 0; Local1 = 0; While (Local1 < Arg0) { Local0 += 3; Local1++ } Return (Local0) } */
const LOOP_AML = '445344543f00000002575445535400004c4f4f500000000001000000494e544c25092020141a4d41494e01700060700061a20b95616872600a03607561a460';
/** iasl output of: Method (ADDM, 1) { Local0 = 0; While (Arg0) { Local0 += Arg0 + Arg0; Arg0-- } Return (Local0) } */
const ADDM_AML = '445344543c000000021a5445535400004144444d0000000001000000494e544c2509202014174144444d01700060a20b68726072686800607668a460';

const hexBytes = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));

/** acpiexec's user CPU seconds for one run (process start included), or undefined without it. */
function acpiexecUser(args: string[]): number | undefined {
  if (!referenceTools().acpiexec) return undefined;
  const r = spawnSync('bash', ['-c', `TIMEFORMAT=%U; time acpiexec ${args.map((a) => `'${a}'`).join(' ')} >/dev/null 2>&1`], { encoding: 'utf8' });
  const v = parseFloat(r.stderr.trim().split('\n').pop() ?? '');
  return Number.isFinite(v) ? v : undefined;
}

function timeEval(label: string, hex: string, method: string, n: bigint, acpiexecCmd: string): string {
  const aml = new AmlInterpreter({}, { maxLoopIterations: 100_000_000 });
  aml.loadTable(hexBytes(hex));
  aml.evaluate(method, [1000n]);
  const t0 = performance.now();
  const r = aml.evaluate(method, [n]);
  const s = (performance.now() - t0) / 1000;
  const file = join(mkdtempSync(join(tmpdir(), 'fwlab-bench-')), 't.aml');
  writeFileSync(file, hexBytes(hex));
  const ref = acpiexecUser(['-dt', '-to', '100', '-b', `${acpiexecCmd} ${n}`, file]);
  return `${label.padEnd(36)} fwlab ${s.toFixed(3)} s  result 0x${(r as bigint).toString(16)}`
    + (ref === undefined ? '  (acpiexec not installed)' : `  acpiexec ${ref.toFixed(2)} s user  (${(ref / s).toFixed(1)}x)`);
}

interface CorpusMachine {
  readonly machine: string;
  readonly files: string[];
  readonly bytes: number;
}

function corpus(root: string): CorpusMachine[] | undefined {
  const dir = process.env['FWLAB_CORPUS'] ?? join(root, '..', 'shared', 'corpus');
  if (!existsSync(join(dir, 'acpi-dumps.json'))) return undefined;
  const list = JSON.parse(readFileSync(join(dir, 'acpi-dumps.json'), 'utf8')) as Array<{ machine: string; tables: string[] }>;
  return list.map((m) => {
    const files = m.tables.map((t) => join(dir, 'acpi-dumps', m.machine, t));
    return { machine: m.machine, files, bytes: files.reduce((s, f) => s + readFileSync(f).length, 0) };
  }).sort((a, b) => b.bytes - a.bytes);
}

function loadAll(tables: readonly Uint8Array[]): AmlInterpreter {
  const aml = new AmlInterpreter();
  for (const t of tables) aml.loadTable(t);
  return aml;
}

/** The first load in a new process: Node started, the interpreter imported, then timed. */
function coldLoad(root: string, files: readonly string[]): number {
  const script = `const { AmlInterpreter } = await import(${JSON.stringify(join(root, 'build', 'src', 'guest', 'aml', 'index.js'))});
const { readFileSync } = await import('node:fs');
const tables = ${JSON.stringify(files)}.map((f) => new Uint8Array(readFileSync(f)));
const t0 = performance.now();
const aml = new AmlInterpreter();
for (const t of tables) aml.loadTable(t);
console.log(performance.now() - t0);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return parseFloat(r.stdout);
}

export default async function amlInterpreter(ctx: BenchContext): Promise<Section> {
  const lines = [
    timeEval('While 10^6 (Local0 += 3; Local1++)', LOOP_AML, '\\MAIN', 1_000_000n, 'evaluate \\MAIN'),
    timeEval('uACPI ADDM(10^6)', ADDM_AML, '\\ADDM', 1_000_000n, 'evaluate \\ADDM'),
  ];
  const machines = corpus(ctx.root);
  if (!machines) {
    lines.push('corpus: SKIPPED (set FWLAB_CORPUS or put the corpus in ../shared/corpus)');
    return { title: 'AML interpreter', lines, goals: [{ goal: 'AML corpus load <= 0.5x acpiexec user time', measured: 'corpus absent', met: undefined }] };
  }
  const goals: Goal[] = [];
  let worstRatio: number | undefined;
  let worstCold = 0;
  for (const m of machines.slice(0, 3)) {
    const tables = m.files.map((f) => new Uint8Array(readFileSync(f)));
    const cold = coldLoad(ctx.root, m.files);
    const times: number[] = [];
    let nodes = 0;
    for (let i = 0; i < (ctx.quick ? 5 : 11); i++) {
      const t0 = performance.now();
      const aml = loadAll(tables);
      times.push(performance.now() - t0);
      nodes = aml.namespace().length;
    }
    const warm = median(times);
    const ref = acpiexecUser(['-dt', '-di', '-b', 'exit', ...m.files]);
    const ratio = ref === undefined ? undefined : warm / (ref * 1000);
    if (ratio !== undefined) worstRatio = Math.max(worstRatio ?? 0, ratio);
    worstCold = Math.max(worstCold, cold / warm);
    lines.push(`${m.machine.slice(0, 44).padEnd(44)} ${m.files.length} tables ${(m.bytes / 1024).toFixed(0)} KB ${nodes} nodes: warm ${ms(warm)}, cold first load ${ms(cold)} (${(cold / warm).toFixed(1)}x)`
      + (ref === undefined ? '' : `; acpiexec ${ms(ref * 1000, 0)} user (fwlab ${ratio!.toFixed(2)}x)`));
  }
  goals.push({
    goal: 'AML corpus load <= 0.5x acpiexec user time',
    measured: worstRatio === undefined ? 'acpiexec absent' : `${worstRatio.toFixed(2)}x (worst of 3 largest)`,
    met: worstRatio === undefined ? undefined : worstRatio <= 0.5,
  });
  goals.push({ goal: 'AML cold first load <= 3x warm', measured: `${worstCold.toFixed(1)}x (worst)`, met: worstCold <= 3 });
  // Load time against AML bytes: every 6th machine of the corpus by size.
  const series = machines.filter((_, i) => i % 6 === 0).reverse().map((m) => {
    const tables = m.files.map((f) => new Uint8Array(readFileSync(f)));
    loadAll(tables);
    const t = median([0, 1, 2].map(() => {
      const t0 = performance.now();
      loadAll(tables);
      return performance.now() - t0;
    }));
    return `${(m.bytes / 1024).toFixed(0)} KB ${ms(t)}`;
  });
  lines.push(`load time by AML bytes: ${series.join(', ')}`);
  return { title: 'AML interpreter', lines, goals };
}
