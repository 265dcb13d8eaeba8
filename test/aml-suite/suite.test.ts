// The AML conformance suite: every case in expected.json through `fwlab aml run` (in-process),
// plus a live comparison with acpiexec when acpica-tools is installed.
import test from 'ava';
import { join } from 'node:path';
import { fwlab, fwlabChild, pool, acpiexec } from './fwlab-cli.js';
import type { CliResult } from './fwlab-cli.js';
import { loadSuite, loadKnownFailures, parseAcpiexec, suiteDir, hexInt } from './expected.js';
import type { SuiteCase, Outcome } from './expected.js';
import { whenPresent } from '../helpers/reference.js';

const cases = loadSuite();
const known = loadKnownFailures();
const names = Object.keys(cases).sort();
const amlOf = (name: string): string => join(suiteDir(), 'cases', `${name}.aml`);
const extrasOf = (c: SuiteCase): string[] => (c.extraTables ?? []).map((e) => join(suiteDir(), e));

/** Cases whose AML may spin forever in a broken interpreter: run in a child process with a hard timeout. */
const MAY_HANG: Record<string, readonly string[]> = {
  '314-err-hanging-while-load': ['--while-loop-timeout', '1'],
  '357-err-hung-while-method': ['--while-loop-timeout', '1'],
};

/** fwlab's verdict on one case: whether it gives the expected outcome, and why not. */
async function runCase(name: string): Promise<{ pass: boolean; why: string }> {
  const c = cases[name]!;
  const extras = extrasOf(c);
  let argv: string[];
  if (c.expect.type === 'error') {
    argv = ['aml', 'eval', amlOf(name), ...extras, '\\MAIN', '--json'];
  } else {
    argv = ['aml', 'run', amlOf(name), '--expect', c.expect.type, c.expect.value, ...(extras.length ? ['--extra-tables', ...extras] : [])];
  }
  const hang = MAY_HANG[name];
  // Error cases run in a child process to read the one-line error on stderr.
  const r: CliResult = hang || c.expect.type === 'error' ? await fwlabChild([...argv, ...(hang ?? [])], 60_000) : await fwlab(argv);
  if (r.thrown !== undefined) return { pass: false, why: `fwlab ${argv.join(' ')} threw: ${r.thrown}` };
  if (c.expect.type === 'error') {
    // The method must abort with the same ACPICA status name, reported with the AML path.
    if (r.code === 0) return { pass: false, why: `expected ${c.expect.value}, fwlab aml eval exited 0 with ${r.out}` };
    const err = r.err ?? '';
    return err.includes(c.expect.value) && /\\[A-Z_]/.test(err)
      ? { pass: true, why: '' }
      : { pass: false, why: `expected ${c.expect.value} with an AML path on stderr, got exit ${r.code}: ${err.slice(0, 300)}` };
  }
  return r.code === 0
    ? { pass: true, why: '' }
    : { pass: false, why: `fwlab ${argv.slice(0, 2).join(' ')} exit ${r.code}, expected ${c.expect.type} ${c.expect.value}; output: ${r.out.slice(0, 300)}` };
}

for (const name of Object.keys(MAY_HANG)) {
  if (!cases[name]) test(`MAY_HANG entry ${name} names a real case`, (t) => t.fail(`no case ${name}`));
}

for (const name of Object.keys(known)) {
  if (!cases[name]) test(`known-failures.json entry ${name} names a real case`, (t) => t.fail(`no case ${name}`));
}

for (const name of names) {
  const c = cases[name]!;
  const title = `${name}: ${c.name} => ${c.expect.type} ${c.expect.type === 'str' ? JSON.stringify(c.expect.value) : c.expect.value}`;
  if (known[name] !== undefined) {
    test(`KNOWN FAILURE ${title}`, async (t) => {
      const { pass, why } = await runCase(name);
      t.log(`KNOWN FAILURE (test/aml-suite/known-failures.json): ${name}: ${known[name]} — now: ${why}`);
      t.false(pass, `${name} passes now: remove it from test/aml-suite/known-failures.json`);
    });
  } else {
    test(title, async (t) => {
      const { pass, why } = await runCase(name);
      t.true(pass, why);
    });
  }
}

test('the suite covers every checklist group and has at least 200 cases', (t) => {
  const groups = new Set(names.map((n) => cases[n]!.group));
  t.true(names.length >= 200, `${names.length} cases`);
  for (const g of ['data objects', 'arithmetic', 'arithmetic (32-bit rev 1)', 'logic', 'conversions (implicit)',
    'conversions (explicit ToXxx)', 'strings and buffers', 'packages and references', 'control flow', 'methods',
    'namespace', 'object types', 'operation regions and fields', 'buffer fields', 'synchronization',
    'notify and events', 'notify and events (_STA/_INI walk)', 'table loading (Load/Unload)', '_OSI / _OS / _REV', 'error cases', 'parser / encoding']) {
    t.true(groups.has(g), `group '${g}' has no case`);
  }
  const known = loadKnownFailures();
  console.warn(`aml-suite: ${names.length} cases, ${Object.keys(known).length} known failures: ${Object.keys(known).join(', ') || 'none'}`);
});

test('every difference from acpiexec is a declared divergence', (t) => {
  for (const name of names) {
    const c = cases[name]!;
    const same = c.expect.type === c.acpiexec.type && c.expect.value === c.acpiexec.value;
    t.true(same || c.divergence !== undefined, `${name}: expect ${JSON.stringify(c.expect)} vs acpiexec ${JSON.stringify(c.acpiexec)} without a divergence note`);
  }
});

/** fwlab's JSON object for \MAIN in the suite's shape. */
function outcomeOfJson(out: string): Outcome {
  const o = JSON.parse(out.trim().split('\n').pop() ?? '') as { type: string; value: unknown };
  if (o.type === 'Integer') return { type: 'int', value: hexInt(BigInt(o.value as string)) };
  if (o.type === 'String') return { type: 'str', value: o.value as string };
  return { type: 'other', value: o.type };
}

if (whenPresent(['acpiexec'], 'live: acpiexec still gives the recorded result for every case')) {
  // One pass of acpiexec over every case (in parallel: each run sleeps ~1 s in acpiexec's shutdown).
  const live = (async () => {
    const outputs = await pool(names, 24, (n) => acpiexec(['-b', 'evaluate \\MAIN', amlOf(n), ...extrasOf(cases[n]!)]));
    return new Map(names.map((n, i) => [n, parseAcpiexec(outputs[i]!)]));
  })();

  test('live: acpiexec still gives the recorded result for every case', async (t) => {
    const results = await live;
    const diffs = names.filter((n) => {
      const a = results.get(n)!;
      const r = cases[n]!.acpiexec;
      return a.type !== r.type || a.value !== r.value;
    });
    t.deepEqual(diffs, [], diffs.map((n) => `${n}: recorded ${JSON.stringify(cases[n]!.acpiexec)}, live ${JSON.stringify(results.get(n))}`).join('\n'));
  });

  // Direct fwlab-vs-acpiexec comparison (fwlab aml eval --json against acpiexec's printout) for every
  // case except declared divergences, error cases (checked above by status name) and known failures.
  const sample = names.filter((n) => !cases[n]!.divergence && cases[n]!.expect.type !== 'error' && known[n] === undefined && MAY_HANG[n] === undefined);
  test(`live: fwlab aml eval agrees with acpiexec on all ${sample.length} comparable cases`, async (t) => {
    const results = await live;
    for (const n of sample) {
      const r = await fwlab(['aml', 'eval', amlOf(n), ...extrasOf(cases[n]!), '\\MAIN', '--json']);
      if (r.code !== 0 || r.thrown) { t.fail(`${n}: fwlab aml eval exit ${r.code} ${r.thrown ?? r.out}`); continue; }
      t.deepEqual(outcomeOfJson(r.out), results.get(n), n);
    }
  });
}
