// `fwlab aml trace` on QEMU 7.2's pc DSDT: \_SB.LNKA._CRS (a method; \_SB.PCI0._CRS is a Name in
// this DSDT) reads the PIIX3 PIRQ route through the DSDT's PCI_Config region P40C and calls IQCR.
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli.js';
import { fixturePath } from '../helpers/paths.js';
import { findReference, testWith } from '../helpers/reference.js';

const DSDT = fixturePath('qemu-7.2', 'pc-default', 'seabios', 'acpi-installed', 'dsdt.dat');
const DSL = fixturePath('qemu-7.2', 'pc-default', 'seabios', 'acpica', 'dsdt.dsl');

async function trace(path: string, ...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const code = await main(['aml', 'trace', DSDT, path, ...args], { out: (s) => lines.push(...s.split('\n')) });
  if (code !== 0) throw new Error(`exit ${code}`);
  return lines;
}

/** A Method term at `offset`: MethodOp (0x14), a PkgLength, then the NameSeg `name`. */
function isMethodAt(table: Uint8Array, offset: number, name: string): boolean {
  if (table[offset] !== 0x14) return false;
  const lead = table[offset + 1]!;
  const nameAt = offset + 2 + (lead >> 6);
  return String.fromCharCode(...table.subarray(nameAt, nameAt + 4)) === name;
}

test('aml trace shows each nested call of \\_SB.LNKA._CRS with its table offset and return value', async (t) => {
  const lines = await trace('\\_SB.LNKA._CRS');
  const dsdt = new Uint8Array(readFileSync(DSDT));
  const calls = lines.flatMap((l) => /^(\s*)call (\S+) \((.*)\) @DSDT\+(0x[0-9a-f]+)$/.exec(l) ?? []);
  t.true(calls.length > 0, lines.join('\n'));
  const outer = lines.findIndex((l) => l.startsWith('call \\_SB_.LNKA._CRS ()'));
  const inner = lines.findIndex((l) => /^  call \\_SB_\.IQCR \(0x0\) @DSDT\+0x[0-9a-f]+$/.test(l));
  const innerRet = lines.findIndex((l) => l.startsWith('  return \\_SB_.IQCR = Buffer[11] '));
  const outerRet = lines.findIndex((l) => l.startsWith('return \\_SB_.LNKA._CRS = Buffer[11] '));
  t.true(outer === 0 && inner > outer && innerRet > inner && outerRet > innerRet, lines.join('\n'));
  for (const l of [lines[outer]!, lines[inner]!]) {
    const [, name, off] = /call \S+\.(\w{4}) .*@DSDT\+(0x[0-9a-f]+)$/.exec(l)!;
    t.true(isMethodAt(dsdt, Number(off), name!), `${l}: no Method ${name} at that DSDT offset`);
  }
  // The PIRQ route register PRQ0 lives in OperationRegion (P40C, PCI_Config, 0x60, 0x04) (iasl -d's text).
  t.regex(readFileSync(DSL, 'utf8'), /OperationRegion \(P40C, PCI_Config, 0x60, 0x04\)/);
  const read = lines.findIndex((l) => /^  read PCI_Config \\_SB_\.PCI0\.S08_\.P40C 0x00000060\/1 = 0x[0-9a-f]{2}$/.test(l));
  t.true(read > outer && read < inner, lines.join('\n'));
  // ... as the field PRQ0, the first byte of Field (PCI0.S08.P40C, ...) in Scope (\_SB).
  t.regex(readFileSync(DSL, 'utf8'), /Field \(PCI0\.S08\.P40C, ByteAcc, NoLock, Preserve\)\s*\{\s*PRQ0, +8,/);
  t.is(lines[read + 1], '  field read \\_SB_.PRQ0 = 0x0');
});

testWith(['acpiexec'])('aml trace return values equal acpiexec evaluating the same calls', async (t) => {
  const lines = await trace('\\_SB.LNKA._CRS');
  const returned = (name: string) => / = Buffer\[\d+\] ([0-9a-f ]+)$/.exec(lines.find((l) => l.trim().startsWith(`return ${name} =`))!)![1]!.trim().toUpperCase();
  const r = spawnSync(findReference('acpiexec')!, ['-b', 'evaluate \\_SB.IQCR 0; evaluate \\_SB.LNKA._CRS', DSDT], { encoding: 'utf8', cwd: fixturePath() });
  const results = [...r.stdout.matchAll(/Evaluation of (\S+) returned[^\n]*\n\s*\[Buffer\] Length \w+ =\s+0000: ((?:[0-9A-F]{2} )+)/g)].map((m) => [m[1], m[2]!.trim()]);
  t.deepEqual(results, [['\\_SB.IQCR', returned('\\_SB_.IQCR')], ['\\_SB.LNKA._CRS', returned('\\_SB_.LNKA._CRS')]]);
});

const CONTROL = fixturePath('aml', 'control.aml');

/** A DSDT by hand: Method (MAIN) { While (One) {} } */
function loopTable(): Uint8Array {
  const body = [0x14, 0x09, ...[...'MAIN'].map((c) => c.charCodeAt(0)), 0x00, 0xa2, 0x02, 0x01];
  const t = new Uint8Array(36 + body.length);
  t.set([...'DSDT'].map((c) => c.charCodeAt(0)), 0);
  new DataView(t.buffer).setUint32(4, t.length, true);
  t[8] = 2;
  t.set(body, 36);
  t[9] = (256 - (t.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return t;
}

test('aml trace reports Notify, errors and the loop budget with the method path and table offset', async (t) => {
  const lines: string[] = [];
  const io = { out: (s: string) => lines.push(...s.split('\n')) };
  t.is(await main(['aml', 'trace', CONTROL, '\\NOTI'], io), 0);
  t.deepEqual(lines.filter((l) => l.includes('notify')), ['  notify \\_SB_.DEV0 0x80', '  notify \\_SB_.DEV0 0x81']);
  lines.length = 0;
  t.is(await main(['aml', 'trace', CONTROL, '\\DIV0'], io), 1);
  t.true(lines.some((l) => /^ {2}error AE_AML_DIVIDE_BY_ZERO in \\DIV0 at DSDT\+0x[0-9a-f]+: /.test(l)), lines.join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'fwlab-trace-'));
  const file = join(dir, 'loop.aml');
  writeFileSync(file, loopTable());
  lines.length = 0;
  t.is(await main(['aml', 'trace', file, '\\MAIN', '--while-loop-timeout', '0.001'], io), 1);
  // Method at 0x24 (after the 36-byte header); While at 0x2b, its predicate One at 0x2d, where the budget is checked.
  t.is(lines[0], 'call \\MAIN () @DSDT+0x24');
  t.true(lines.some((l) => /^ {2}error AE_AML_LOOP_TIMEOUT in \\MAIN at DSDT\+0x2d: /.test(l)), lines.join('\n'));
  rmSync(dir, { recursive: true, force: true });
});
