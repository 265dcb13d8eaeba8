// Real-world AML: every machine of ../shared/corpus/acpi-dumps (60 machines, DSDT + SSDTs) goes
// through `fwlab aml namespace` in a child process: no uncaught exception (exit code 70 = internal
// error), a per-machine budget that only guards against hangs (generous; not a speed test — speed is
// in bench/), and a namespace node count within 2% of acpiexec 20200925's (acpi-dumps.json).
//
// How acpiexec counts (checked by running `acpiexec -b namespace` on Notebook_Acer_Peppy: 836 dump
// lines = "Namespace node count: 836"): the count excludes the root but includes the 9 objects
// ACPICA pre-creates (\_GPE \_PR_ \_SB_ \_SI_ \_TZ_ \_REV \_OS_ \_GL_ \_OSI) and acpiexec's own two
// self-test nodes (\_TI_ and \_TI_._T97). Both sides are therefore compared on table-defined nodes:
// acpiexec count - 11, and fwlab's lines minus those predefined paths (whichever fwlab lists).
import test from 'ava';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedPath } from '../helpers/paths.js';
import { pool } from '../aml-suite/fwlab-cli.js';
import { parseFwlabNamespace } from '../aml-namespace/namespace-dump.js';
import { findReference, whenPresent } from '../helpers/reference.js';

// Hang guard only: ThinkPads whose _INI polls an SMI port spend ~2-4 s in the loop budget when idle.
const BUDGET_MS = 20_000;
const ACPIEXEC_EXTRA_NODES = 11;
const PREDEFINED = new Set(['\\_GPE', '\\_PR_', '\\_SB_', '\\_SI_', '\\_TZ_', '\\_REV', '\\_OS_', '\\_GL_', '\\_OSI', '\\_TI_', '\\_TI_._T97']);

interface Machine {
  readonly machine: string;
  readonly tables: readonly string[];
  readonly acpiexec_20200925: { readonly namespace_nodes: string; readonly loaded_tables: string };
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly nodes: number;
  readonly ms: number;
  readonly stderr: string;
}

function runMachine(dir: string, m: Machine): Promise<Run> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const p = spawn(process.execPath, [join(repoRoot(), 'bin', 'fwlab.js'), 'aml', 'namespace', ...m.tables.map((t) => join(dir, m.machine, t))],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), BUDGET_MS);
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const nodes = parseFwlabNamespace(out).filter((n) => !PREDEFINED.has(n.path)).length;
      resolve({ code, signal, nodes, ms, stderr: err.slice(0, 2000) });
    });
  });
}

if (whenPresent(['shared-corpus'], 'corpus: every real machine of ../shared/corpus loads like acpiexec')) {
  const index = join(findReference('shared-corpus')!, 'acpi-dumps.json');
  const machines = JSON.parse(readFileSync(index, 'utf8')) as Machine[];
  const known = (JSON.parse(readFileSync(join(repoRoot(), 'test', 'aml-corpus', 'known-failures.json'), 'utf8')) as { machines: Record<string, string> }).machines;
  for (const name of Object.keys(known)) {
    if (!machines.some((m) => m.machine === name)) test(`corpus: known-failures.json entry ${name} names a corpus machine`, (t) => t.fail());
  }
  const dir = sharedPath('corpus', 'acpi-dumps')!;
  const runs = pool(machines, 2, (m) => runMachine(dir, m));

  machines.forEach((m, i) => {
    const expected = Number(m.acpiexec_20200925.namespace_nodes) - ACPIEXEC_EXTRA_NODES;
    test(`corpus: ${m.machine} (${m.tables.length} tables)`, async (t) => {
      const r = (await runs)[i]!;
      t.log(`fwlab ${r.nodes} table nodes, acpiexec ${expected}, ${r.ms.toFixed(0)} ms`);
      t.is(r.signal, null, `killed after the ${BUDGET_MS} ms hang guard`);
      t.not(r.code, 70, `uncaught exception: ${r.stderr}`);
      t.is(r.code, 0, `fwlab aml namespace exit ${r.code}: ${r.stderr}`);
      const off = Math.abs(r.nodes - expected) / expected;
      if (known[m.machine] !== undefined) {
        t.log(`KNOWN FAILURE (test/aml-corpus/known-failures.json): ${known[m.machine]}`);
        t.true(off > 0.02, `${m.machine} is within 2% now (${r.nodes} vs ${expected}): remove it from test/aml-corpus/known-failures.json`);
      } else {
        t.true(off <= 0.02, `node count ${r.nodes} vs acpiexec ${expected}: ${(off * 100).toFixed(2)}% off (limit 2%)`);
      }
    });
  });

  test('corpus: totals', async (t) => {
    const all = await runs;
    const acpica = machines.reduce((s, m) => s + Number(m.acpiexec_20200925.namespace_nodes) - ACPIEXEC_EXTRA_NODES, 0);
    const fw = all.reduce((s, r) => s + r.nodes, 0);
    const ok = all.filter((r, i) => r.code === 0 && Math.abs(r.nodes - (Number(machines[i]!.acpiexec_20200925.namespace_nodes) - ACPIEXEC_EXTRA_NODES)) <= 0.02 * (Number(machines[i]!.acpiexec_20200925.namespace_nodes) - ACPIEXEC_EXTRA_NODES)).length;
    const tables = machines.reduce((s, m) => s + m.tables.length, 0);
    const slowest = all.reduce((a, r) => Math.max(a, r.ms), 0);
    const line = `corpus totals: ${machines.length} machines, ${tables} tables; ${ok}/${machines.length} within 2% of acpiexec; ` +
      `table nodes fwlab ${fw} vs acpiexec ${acpica}; slowest machine ${slowest.toFixed(0)} ms (incl. node start-up)`;
    t.log(line);
    console.log(line);
    console.warn(`corpus known failures (test/aml-corpus/known-failures.json): ${Object.keys(known).length}`);
    t.is(all.length, machines.length);
  });
}
