/**
 * `npm run conformance -- --suite 8086|80286 [--opcode XX] [--limit N] [--failures N] [--sample N [--edge N] --out FILE]`:
 * runs the SingleStepTests suite from .cache/singlestep/<suite>/ (scripts/fetch-singlestep.sh) on the
 * x86 core and prints the pass rate per opcode form, honouring each form's defined-flags mask (also in
 * the FLAGS image an exception pushes). `--sample N` keeps N evenly spaced cases per form, `--edge N`
 * (default 2) up to N more per form and kind of edge, chosen by their inputs and capture alone (see `edgeKind`).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SsCase, opcodeInfo, readSuiteFile } from './singlestep/format.js';
import { SingleStepRunner, type Suite, pushedFlags } from './singlestep/runner.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const suite = (opt('suite') ?? '8086') as Suite;
if (suite !== '8086' && suite !== '80286') fail(`unknown suite '${suite}' (8086 or 80286)`);
const dir = join(root, '.cache', 'singlestep', suite);
if (!existsSync(dir)) fail(`no ${suite} suite in ${dir}: run scripts/fetch-singlestep.sh ${suite}`);
const only = opt('opcode')?.toUpperCase();
const limit = Number(opt('limit') ?? Infinity);
const showFailures = Number(opt('failures') ?? 0);
const sample = Number(opt('sample') ?? 0);
const edges = Number(opt('edge') ?? 2);
const out = opt('out');

/** Forms whose status the harness does not run: prefixes alone, x87 escapes without an FPU, undefined encodings, 286 0F extensions. */
const SKIP = new Set(['prefix', 'fpu', 'undefined', 'extension']);

const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as Parameters<typeof opcodeInfo>[0];
const files = readdirSync(dir).filter((f) => f.endsWith('.gz')).sort();
const runner = new SingleStepRunner(suite);
const sampled: Record<string, { status: string; flagsMask: number; cases: SsCase[] }> = {};
let total = 0;
let passed = 0;
const below: string[] = [];
console.log(`SingleStepTests ${suite} on the fwlab x86 core (model ${suite})`);
console.log('form     status        passed / cases    rate');
for (const file of files) {
  const key = file.replace(/\.(json|MOO)\.gz$/, '');
  if (only && !key.toUpperCase().startsWith(only)) continue;
  const info = opcodeInfo(meta, key);
  if (SKIP.has(info.status)) { console.log(`${key.padEnd(8)} ${info.status.padEnd(13)} skipped`); continue; }
  const cases = readSuiteFile(readFileSync(join(dir, file)), file).slice(0, limit);
  let ok = 0;
  let shown = 0;
  for (const c of cases) {
    const why = runner.run(c, info.flagsMask);
    if (!why) ok++;
    else if (shown++ < showFailures) console.log(`  #${c.idx} ${c.name}: ${why}`);
  }
  total += cases.length;
  passed += ok;
  const rate = (100 * ok) / cases.length;
  if (rate < 99.5) below.push(`${key} ${rate.toFixed(2)}%`);
  console.log(`${key.padEnd(8)} ${info.status.padEnd(13)} ${String(ok).padStart(6)} / ${String(cases.length).padEnd(6)}  ${rate.toFixed(2)}%`);
  if (sample > 0) {
    const step = Math.max(1, Math.floor(cases.length / sample));
    const even = cases.filter((_, i) => i % step === 0).slice(0, sample);
    const extra = edgeCases(key, cases, even);
    sampled[key] = { ...info, cases: [...even, ...extra] };
  }
}
console.log(`total ${passed} / ${total} (${((100 * passed) / Math.max(1, total)).toFixed(3)}%); forms below 99.5%: ${below.length ? below.join(', ') : 'none'}`);
if (out) {
  writeFileSync(out, JSON.stringify({
    source: `SingleStepTests/${suite} (github.com/SingleStepTests/${suite}), ${sample} cases per form sampled evenly and up to ${edges} edge cases of each kind: npm run conformance -- --suite ${suite} --sample ${sample} --edge ${edges} --out FILE`,
    suite,
    forms: sampled,
  }));
  console.log(`wrote ${out}`);
}

/**
 * Edge cases the sample keeps beyond the evenly spaced ones, up to `--edge` per kind and form, chosen from
 * a case's inputs and capture only. Kinds: the exception it raised (by vector; its frame holds FLAGS),
 * a REP/REPNE prefix, a start within 15 bytes of offset 0xFFFF, a DAA/DAS with AF set, CF clear and AL 9A-9F or
 * below 6 (where the 8086 differs from later CPUs).
 */
function edgeKind(key: string, c: SsCase): string | undefined {
  const r = c.initial.regs;
  if (c.exception) return c.exception.number < 32 ? `exception ${c.exception.number}` : 'software interrupt';
  if (pushedFlags(c)) return 'divide error';
  const ip = r.ip ?? 0;
  if (ip > 0xfff0) return 'offset 0xFFFF';
  const ram = new Map(c.initial.ram);
  const base = (r.cs ?? 0) << 4;
  for (let i = 0; i < 6; i++) {
    const b = ram.get((base + ((ip + i) & 0xffff)) & (suite === '8086' ? 0xfffff : 0xffffff));
    if (b === 0xf2 || b === 0xf3) return 'rep';
    if (b === undefined || ![0x26, 0x2e, 0x36, 0x3e, 0xf0].includes(b)) break;
  }
  const al = (r.ax ?? 0) & 0xff;
  if ((key !== '27' && key !== '2F') || ((r.flags ?? 0) & 0x11) !== 0x10) return undefined;
  return al >= 0x9a && al <= 0x9f ? 'bcd high digit' : al < 6 ? 'bcd low-digit borrow' : undefined;
}

function edgeCases(key: string, cases: readonly SsCase[], skip: readonly SsCase[]): SsCase[] {
  const kept = new Map<string, number>();
  return cases.filter((c) => {
    const kind = skip.includes(c) ? undefined : edgeKind(key, c);
    if (kind === undefined || (kept.get(kind) ?? 0) >= edges) return false;
    kept.set(kind, (kept.get(kind) ?? 0) + 1);
    return true;
  });
}

function fail(msg: string): never {
  console.error(`conformance: ${msg}`);
  process.exit(2);
}
