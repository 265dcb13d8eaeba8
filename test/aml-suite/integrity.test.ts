// The committed suite data hangs together: every case has its .aml and an expected.json entry whose
// expectation is the one in the case's header; and, when iasl is installed, recompiling each .asl
// gives exactly the committed .aml.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite, loadKnownFailures, suiteDir } from './expected.js';
import { whenPresent } from '../helpers/reference.js';

const cases = loadSuite();
const casesDir = join(suiteDir(), 'cases');
const aslFiles = readdirSync(casesDir).filter((f) => f.endsWith('.asl')).sort();

function header(text: string): Record<string, string> {
  const h: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\/\/ (\w+): (.*)$/.exec(line);
    if (!m) break;
    h[m[1]!] = m[2]!.trim();
  }
  return h;
}

test('every case file has its compiled .aml and an expected.json entry, and nothing else is listed', (t) => {
  const names = aslFiles.map((f) => f.replace(/\.asl$/, ''));
  for (const n of names) t.true(existsSync(join(casesDir, `${n}.aml`)), `${n}.aml is not committed`);
  t.deepEqual(Object.keys(cases).sort(), names);
  for (const k of Object.keys(loadKnownFailures())) t.true(k in cases, `known failure ${k} is not a case`);
});

test('each case header (uACPI style, Name and Expect first) agrees with expected.json', (t) => {
  for (const f of aslFiles) {
    const text = readFileSync(join(casesDir, f), 'utf8');
    const lines = text.split('\n');
    t.regex(lines[0]!, /^\/\/ Name: /, f);
    t.regex(lines[1]!, /^\/\/ Expect: (int|str|error) => /, f);
    const h = header(text);
    const c = cases[f.replace(/\.asl$/, '')]!;
    t.is(h['Name'] ?? '', c.name, f);
    t.is(h['Group'] ?? '', c.group, f);
    const [type, value] = h['Expect']!.split(' => ') as [string, string];
    t.is(type, c.expect.type, f);
    if (type === 'int') t.is(BigInt(value), BigInt(c.expect.value), f);
    else if (type === 'str') t.is(value, JSON.stringify(c.expect.value).replace(/\\\\/g, '\\'), f);
    else t.is(value, c.expect.value, f);
    t.is(h['Divergence'] ?? '', c.divergence ?? '', f);
  }
});

if (whenPresent(['iasl'], 'live: iasl recompiles every case to the committed .aml, byte for byte')) {
  test('live: iasl recompiles every case to the committed .aml, byte for byte', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'aml-suite-'));
    try {
      const differ: string[] = [];
      for (const f of aslFiles) {
        const n = f.replace(/\.asl$/, '');
        const flags = header(readFileSync(join(casesDir, f), 'utf8'))['IaslFlags']?.split(/\s+/) ?? [];
        // -of as in scripts/aml-suite/regenerate.mjs: no constant folding, so the AML keeps the operators.
        const r = spawnSync('iasl', ['-of', ...flags, '-p', join(dir, n), join(casesDir, f)], { encoding: 'utf8' });
        const out = join(dir, `${n}.aml`);
        if (r.status !== 0 || !existsSync(out) || !readFileSync(out).equals(readFileSync(join(casesDir, `${n}.aml`)))) differ.push(n);
      }
      t.deepEqual(differ, [], 'recompiled AML differs from the committed file (run scripts/aml-suite/regenerate.mjs)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
