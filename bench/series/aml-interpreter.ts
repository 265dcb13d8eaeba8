/**
 * AML interpreter speed (issue 6 item 5), side by side with acpiexec 20200925 when installed:
 *  - `While (Local1 < N) { Local0 += 3; Local1++ }` for N = 10^6 (acpiexec: 3.75 s user on the reference VM)
 *  - uACPI's ADDM(N) loop benchmark
 *  - loading the largest machine of ../shared/corpus (DSDT + SSDTs), load only
 */
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AmlInterpreter } from '../src/guest/aml/index.js';

/** iasl output of: Method (MAIN, 1) { Local0 = 0; Local1 = 0; While (Local1 < Arg0) { Local0 += 3; Local1++ } Return (Local0) } */
const LOOP_AML = '445344543f00000002575445535400004c4f4f500000000001000000494e544c25092020141a4d41494e01700060700061a20b95616872600a03607561a460';
/** iasl output of: Method (ADDM, 1) { Local0 = 0; While (Arg0) { Local0 += Arg0 + Arg0; Arg0-- } Return (Local0) } */
const ADDM_AML = '445344543c000000021a5445535400004144444d0000000001000000494e544c2509202014174144444d01700060a20b68726072686800607668a460';

const hexBytes = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));

function acpiexecUser(args: string[]): number | undefined {
  const probe = spawnSync('acpiexec', ['-v'], { stdio: 'ignore' });
  if (probe.error) return undefined;
  const r = spawnSync('bash', ['-c', `TIMEFORMAT=%U; time acpiexec ${args.map((a) => `'${a}'`).join(' ')} >/dev/null 2>&1`], { encoding: 'utf8' });
  const v = parseFloat(r.stderr.trim().split('\n').pop() ?? '');
  return Number.isFinite(v) ? v : undefined;
}

function timeEval(label: string, hex: string, method: string, n: bigint, acpiexecCmd: string): void {
  const aml = new AmlInterpreter({}, { maxLoopIterations: 100_000_000 });
  aml.loadTable(hexBytes(hex));
  aml.evaluate(method, [1000n]);
  const t0 = performance.now();
  const r = aml.evaluate(method, [n]);
  const ms = performance.now() - t0;
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-bench-'));
  const file = join(dir, 't.aml');
  writeFileSync(file, hexBytes(hex));
  const ref = acpiexecUser(['-dt', '-to', '100', '-b', `${acpiexecCmd} ${n}`, file]);
  console.log(`${label.padEnd(36)} fwlab ${(ms / 1000).toFixed(3)} s  result 0x${(r as bigint).toString(16)}` + (ref === undefined ? '  (acpiexec not installed)' : `  acpiexec ${ref.toFixed(2)} s user  (${(ref / (ms / 1000)).toFixed(1)}x)`));
}

function corpusLoad(): void {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'shared', 'corpus');
  if (!existsSync(join(root, 'acpi-dumps.json'))) {
    console.log('corpus load: SKIPPED (../shared/corpus is absent)');
    return;
  }
  const list = JSON.parse(readFileSync(join(root, 'acpi-dumps.json'), 'utf8')) as Array<{ machine: string; tables: string[] }>;
  const size = (m: { machine: string }) => readFileSync(join(root, 'acpi-dumps', m.machine, 'dsdt.dat')).length;
  const big = list.reduce((a, b) => (size(b) > size(a) ? b : a));
  const tables = big.tables.map((t) => new Uint8Array(readFileSync(join(root, 'acpi-dumps', big.machine, t))));
  const bytes = tables.reduce((s, t) => s + t.length, 0);
  const times: number[] = [];
  let nodes = 0;
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    const aml = new AmlInterpreter();
    for (const t of tables) aml.loadTable(t);
    times.push(performance.now() - t0);
    nodes = aml.namespace().length;
  }
  times.sort((a, b) => a - b);
  const files = big.tables.map((t) => join(root, 'acpi-dumps', big.machine, t));
  const ref = acpiexecUser(['-dt', '-di', '-b', 'exit', ...files]);
  console.log(`corpus load ${big.machine.slice(0, 40)} (${tables.length} tables, ${(bytes / 1024).toFixed(0)} KB, ${nodes} nodes): median ${times[6]!.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms` + (ref === undefined ? '' : `  acpiexec -dt -di ${ref.toFixed(2)} s user (incl. process start)`));
}

timeEval('While 10^6 (Local0 += 3; Local1++)', LOOP_AML, '\\MAIN', 1_000_000n, 'evaluate \\MAIN');
timeEval('uACPI ADDM(10^6)', ADDM_AML, '\\ADDM', 1_000_000n, 'evaluate \\ADDM');
corpusLoad();
