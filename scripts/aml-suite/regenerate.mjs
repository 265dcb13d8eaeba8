#!/usr/bin/env node
// Regenerates the AML conformance suite's compiled tables and expected results:
//   test/aml-suite/cases/*.asl  -> cases/*.aml   (iasl)
//   test/aml-suite/extra/*.asl  -> extra/*.aml   (iasl; extra tables some cases load)
//   acpiexec -b "evaluate \MAIN" case.aml [extra tables]  -> test/aml-suite/expected.json
//
// Each case's header states the intended (Windows-compatible) result:
//   // Name: <description>
//   // Expect: int => 0x2A        or   // Expect: str => "text"   or   // Expect: error => AE_...
//   // Group: <checklist group of aml-interpreters.md §4>
//   // ACPICA: <acpiexec's result, also `none => -` for no object> + // Divergence: <why Windows differs>
//   // ExtraTables: extra/x.aml ...  (optional, loaded after the case)
//   // IaslFlags: -vx 6142          (optional)
// Every case is compiled with `iasl -of` (constant folding off): otherwise iasl evaluates
// constant expressions itself (Add (1, 2) becomes 3) and the interpreter never runs the operator.
// The script fails when acpiexec's result differs from `Expect` and the case does not
// declare that difference with `ACPICA:` — so every divergence is deliberate and listed.
//
// Needs Debian's acpica-tools (iasl + acpiexec 20200925). `npm test` does not need it.
// Usage: node scripts/aml-suite/regenerate.mjs [--only NNN]
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = join(root, 'test', 'aml-suite');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function header(text) {
  const h = {};
  for (const line of text.split('\n')) {
    const m = /^\/\/ (Name|Expect|Group|ACPICA|Divergence|ExtraTables|IaslFlags): (.*)$/.exec(line);
    if (m) h[m[1]] = m[2].trim();
    else if (!line.startsWith('//')) break;
  }
  return h;
}

/** "int => 0x2A" | 'str => "x"' | "error => AE_X" -> {type, value} */
function parseExpect(s, where) {
  const m = /^(int|str|error|none) => (.*)$/.exec(s ?? '');
  if (!m) throw new Error(`${where}: bad expectation '${s}'`);
  if (m[1] === 'int') return { type: 'int', value: '0x' + BigInt(m[2]).toString(16).toUpperCase() };
  if (m[1] === 'str') {
    const q = /^"(.*)"$/.exec(m[2]);
    if (!q) throw new Error(`${where}: string expectation must be quoted`);
    return { type: 'str', value: q[1] };
  }
  if (m[1] === 'none') return { type: 'none', value: '' };
  return { type: 'error', value: m[2] };
}

export const IASL_FLAGS = ['-of'];

function compile(asl, flags) {
  const out = asl.replace(/\.asl$/, '');
  const r = spawnSync('iasl', [...IASL_FLAGS, ...flags, '-p', out, asl], { encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(out + '.aml')) {
    const errors = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /Error|^\S.*\d+:/.test(l));
    throw new Error(`iasl failed for ${asl}:\n${errors.join('\n')}`);
  }
}

/** acpiexec's answer for \MAIN, in the same {type, value} shape. */
export function parseAcpiexec(stdout) {
  let m = /\[Integer\] = ([0-9A-F]+)/.exec(stdout);
  if (m) return { type: 'int', value: '0x' + BigInt('0x' + m[1]).toString(16).toUpperCase() };
  m = /\[String\] Length [0-9A-F]+ = "(.*)"/.exec(stdout);
  if (m) return { type: 'str', value: m[1] };
  m = /Evaluation of \\MAIN failed with status (AE_[A-Z_]+)/.exec(stdout);
  if (m) return { type: 'error', value: m[1] };
  if (/ACPI Exec: Segmentation Fault/.test(stdout)) return { type: 'error', value: 'SEGFAULT' };
  m = /returned object[^\n]*\n\s*\[(\w+)/.exec(stdout);
  if (m) return { type: 'other', value: m[1] };
  if (/No object was returned/.test(stdout)) return { type: 'none', value: '' };
  if (/Could not find|AE_NOT_FOUND/.test(stdout)) return { type: 'error', value: 'AE_NOT_FOUND' };
  return { type: 'unknown', value: stdout.slice(-400) };
}

function runAcpiexec(files) {
  return new Promise((resolve) => {
    const p = spawn('acpiexec', ['-b', 'evaluate \\MAIN', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', () => resolve(out + err));
  });
}

async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i]); }
  }));
  return results;
}

const same = (a, b) => a.type === b.type && a.value === b.value;

const extraDir = join(suite, 'extra');
for (const f of readdirSync(extraDir).filter((f) => f.endsWith('.asl'))) compile(join(extraDir, f), []);

const casesDir = join(suite, 'cases');
const files = readdirSync(casesDir).filter((f) => f.endsWith('.asl') && (!only || f.startsWith(only))).sort();
let compileErrors = 0;
const cases = files.flatMap((f) => {
  const asl = join(casesDir, f);
  const h = header(readFileSync(asl, 'utf8'));
  const name = basename(f, '.asl');
  if (!h.Name || !h.Group) throw new Error(`${f}: missing Name/Group header`);
  try { compile(asl, h.IaslFlags ? h.IaslFlags.split(/\s+/) : []); } catch (e) { compileErrors++; console.error(e.message); return []; }
  return { name, h, expect: parseExpect(h.Expect, f), extra: h.ExtraTables ? h.ExtraTables.split(/\s+/) : [] };
});

if (compileErrors) { console.error(`${compileErrors} cases do not compile`); process.exit(1); }
const outputs = await pool(cases, 16, (c) =>
  runAcpiexec([join(casesDir, c.name + '.aml'), ...c.extra.map((e) => join(suite, e))]));

const expectedPath = join(suite, 'expected.json');
const previous = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')).cases : {};
const result = only ? { ...previous } : {};
let bad = 0;
cases.forEach((c, i) => {
  const actual = parseAcpiexec(outputs[i]);
  const acpica = c.h.ACPICA ? parseExpect(c.h.ACPICA, c.name) : c.expect;
  if (!same(actual, acpica)) {
    bad++;
    console.error(`MISMATCH ${c.name}: header says ${JSON.stringify(acpica)}, acpiexec gave ${JSON.stringify(actual)}`);
  }
  if (c.h.ACPICA && !c.h.Divergence) { bad++; console.error(`${c.name}: ACPICA header without Divergence reason`); }
  result[c.name] = {
    name: c.h.Name,
    group: c.h.Group,
    expect: c.expect,
    acpiexec: actual,
    ...(c.h.ACPICA ? { divergence: c.h.Divergence } : {}),
    ...(c.extra.length ? { extraTables: c.extra } : {}),
  };
});
const sorted = Object.fromEntries(Object.keys(result).sort().map((k) => [k, result[k]]));
writeFileSync(expectedPath, JSON.stringify({
  source: 'acpiexec 20200925',
  command: 'acpiexec -b "evaluate \\MAIN" CASE.aml [EXTRA.aml...]',
  compiler: 'iasl 20200925 -of (constant folding disabled)',
  note: 'expect = the result the interpreter must give (Windows semantics where they differ); acpiexec = what ACPICA gave',
  cases: sorted,
}, null, 1) + '\n');
console.log(`${cases.length} cases, ${bad} mismatches; wrote ${expectedPath}`);
process.exit(bad ? 1 : 0);
