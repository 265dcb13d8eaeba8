/**
 * `npm run conformance -- --suite 8086|80286 [--opcode XX] [--limit N] [--failures N] [--sample N --out FILE]`:
 * runs the SingleStepTests suite from .cache/singlestep/<suite>/ (scripts/fetch-singlestep.sh) on the
 * x86 core and prints the pass rate per opcode form, honouring each form's defined-flags mask.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SsCase, opcodeInfo, readSuiteFile } from './singlestep/format.js';
import { SingleStepRunner, type Suite } from './singlestep/runner.js';

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
    sampled[key] = { ...info, cases: cases.filter((_, i) => i % step === 0).slice(0, sample) };
  }
}
console.log(`total ${passed} / ${total} (${((100 * passed) / Math.max(1, total)).toFixed(3)}%); forms below 99.5%: ${below.length ? below.join(', ') : 'none'}`);
if (out) {
  writeFileSync(out, JSON.stringify({
    source: `SingleStepTests/${suite} (github.com/SingleStepTests/${suite}), ${sample} cases per form, sampled evenly by scripts: npm run conformance -- --suite ${suite} --sample ${sample} --out FILE`,
    suite,
    forms: sampled,
  }));
  console.log(`wrote ${out}`);
}

function fail(msg: string): never {
  console.error(`conformance: ${msg}`);
  process.exit(2);
}
