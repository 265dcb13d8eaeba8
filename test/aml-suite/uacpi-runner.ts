/**
 * uACPI's own test cases (tests/test-cases/*.asl of a uACPI checkout) run the way uACPI's
 * tests/run_tests.py runs them: compiled with the iasl flags of its tests/utilities/asl.py
 * (`-oa` and its `-vw` list, read from that file), evaluated under the host contract of its
 * tests/runner/test_runner.c (written here from its description, not copied):
 * - `_OSI`: "TestRunner" installed as a feature, "Windows 2006" uninstalled;
 * - a runner identity SSDT defining `\_SI.TID = "uACPI"` is installed before the namespace loads;
 * - table installation: OEM table id "DENYTABL" is denied, "OVERTABL" is replaced by an SSDT
 *   with `Name (VAL, "TestRunner")`;
 * - While loop timeout 3 s (the runner's default for `--while-loop-timeout`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmlError, AmlInterpreter, AmlString, toJson } from '../../src/guest/aml/index.js';
import type { AmlValue } from '../../src/guest/aml/index.js';

export interface UacpiCase {
  readonly file: string;
  readonly name: string;
  readonly type: 'int' | 'str';
  readonly value: string;
}

/** `// Name: ...` and `// Expect: int|str => VALUE`, the first two lines of a case. */
export function parseCase(file: string): UacpiCase {
  const [l1 = '', l2 = ''] = readFileSync(file, 'utf8').split('\n');
  const name = l1.slice(l1.indexOf(':') + 1).trim();
  const [type = '', value = ''] = l2.slice(l2.indexOf(':') + 1).split('=>').map((s) => s.trim());
  if (type !== 'int' && type !== 'str') throw new Error(`${file}: bad Expect line '${l2}'`);
  return { file, name, type, value };
}

/** The `-vw NNNN` flags of uACPI's tests/utilities/asl.py, then `-oa`. */
export function uacpiIaslFlags(uacpiDir: string): string[] {
  const src = readFileSync(join(uacpiDir, 'tests', 'utilities', 'asl.py'), 'utf8');
  const flags = [...src.matchAll(/"-vw",\s*"(\d+)"/g)].flatMap((m) => ['-vw', m[1]!]);
  if (flags.length === 0 || !src.includes('"-oa"')) throw new Error('uACPI asl.py: compile flags not found');
  return [...flags, '-oa'];
}

/** Compile one case; undefined (with iasl's output) when iasl refuses it. */
export function compileCase(c: UacpiCase, flags: readonly string[], outDir: string): { aml?: Uint8Array; log: string } {
  const prefix = join(outDir, c.file.replace(/^.*\//, '').replace(/\.asl$/, ''));
  const r = spawnSync('iasl', [...flags, '-p', prefix, c.file], { encoding: 'utf8' });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) return { log };
  return { aml: new Uint8Array(readFileSync(`${prefix}.aml`)), log };
}

/** A definition block around `body` (ACPI 6.5 §5.2.6 header, checksum made valid). */
export function ssdt(oemTableId: string, body: readonly number[]): Uint8Array {
  const t = new Uint8Array(36 + body.length);
  const ascii = (s: string, at: number) => t.set([...s].map((ch) => ch.charCodeAt(0)), at);
  ascii('SSDT', 0);
  new DataView(t.buffer).setUint32(4, t.length, true);
  t[8] = 1;
  ascii('uTEST ', 10);
  ascii(oemTableId.padEnd(8, ' '), 16);
  t.set(body, 36);
  t[9] = (256 - (t.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return t;
}

const str = (s: string) => [0x0d, ...[...s].map((ch) => ch.charCodeAt(0)), 0x00];
// Name (\_SI.TID, "uACPI"): 08 5C 2E '_SI_' 'TID_' String
const RUNNER_ID = ssdt('RUNRIDTB', [0x08, 0x5c, 0x2e, 0x5f, 0x53, 0x49, 0x5f, 0x54, 0x49, 0x44, 0x5f, ...str('uACPI')]);
// Name (VAL, "TestRunner"): 08 'VAL_' String
const OVERRIDE = ssdt('OVERRIDE', [0x08, 0x56, 0x41, 0x4c, 0x5f, ...str('TestRunner')]);

/** Run a compiled case under the runner contract: undefined when it passes, else why not. */
export function runCase(c: UacpiCase, aml: Uint8Array): string | undefined {
  const it = new AmlInterpreter(
    {
      onDebug: () => {},
      onTableInstall: (h) => (h.oemTableId.startsWith('DENYTABL') ? 'deny' : h.oemTableId.startsWith('OVERTABL') ? OVERRIDE : 'allow'),
    },
    { loopTimeoutSeconds: 3 },
  );
  it.osi.add('TestRunner');
  it.osi.delete('Windows 2006');
  let v: AmlValue | undefined;
  try {
    it.loadTable(aml);
    it.loadTable(RUNNER_ID);
    it.initialize();
    v = it.evaluate('\\MAIN');
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    return `\\MAIN failed: ${e.describe()}`;
  }
  if (c.type === 'int') {
    if (typeof v === 'bigint' && v === BigInt(c.value)) return undefined;
    return `expected Integer ${c.value}, got ${JSON.stringify(toJson(v))}`;
  }
  if (v instanceof AmlString && v.value === c.value) return undefined;
  return `expected String "${c.value}", got ${JSON.stringify(toJson(v))}`;
}
