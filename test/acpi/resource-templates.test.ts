/**
 * Resource templates in `fwlab acpi disasm` against `iasl -d`: every ResourceTemplate iasl writes
 * for a DSDT/SSDT, fwlab writes too, with the same macros and arguments (committed iasl outputs of
 * QEMU's DSDTs always; live iasl over QEMU's and real machines' tables when installed).
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disassembleTable, formatTableAsl, methodsOf } from '../../src/tools/acpi/disasm-table.js';
import { makeTable } from '../../src/tools/acpi/table-set.js';
import { resourceTemplatesIn } from '../helpers/resource-templates.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';
import { prng } from '../helpers/prng.js';
import { decodeResourceTemplate } from '../../src/tools/acpi/resources/resource-template.js';
import { testWith } from '../helpers/reference.js';


function ours(files: readonly Uint8Array[]): string[] {
  const tables = files.map((f) => makeTable(f));
  const methods = methodsOf(tables);
  return resourceTemplatesIn(formatTableAsl(tables[0]!, methods));
}

test('QEMU 7.2 DSDTs: fwlab writes every resource template iasl writes, macro for macro (committed iasl outputs)', (t) => {
  const configs = readdirSync(fixturePath('qemu-7.2')).filter((c) => existsSync(fixturePath('qemu-7.2', c, 'seabios', 'acpica', 'dsdt.dsl')));
  let n = 0;
  for (const c of configs) {
    const dsdt = new Uint8Array(readFileSync(fixturePath('qemu-7.2', c, 'seabios', 'acpi-installed', 'dsdt.dat')));
    const theirs = resourceTemplatesIn(readFileSync(fixturePath('qemu-7.2', c, 'seabios', 'acpica', 'dsdt.dsl'), 'utf8'));
    t.deepEqual(ours([dsdt]), theirs, c);
    n += theirs.length;
  }
  t.true(configs.length >= 5 && n >= 50, `${configs.length} DSDTs, ${n} templates`);
});

/** A sample of the real machines of ../shared/corpus: every 12th machine's DSDT (5 of 60, kept small for npm test). */
function corpusSample(): string[] {
  const root = sharedPath('corpus', 'acpi-dumps');
  if (!root) return [];
  return readdirSync(root).sort().filter((_, i) => i % 12 === 0).map((m) => join(root, m, 'dsdt.dat')).filter((f) => existsSync(f));
}

testWith(['iasl', 'shared-corpus'])('real machines\' DSDTs (../shared/corpus sample) and QEMU\'s: same resource templates as a live iasl -d', (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'fwlab-iasl-res-'));
  try {
    const files = [...corpusSample(), ...readdirSync(fixturePath('qemu-7.2')).map((c) => fixturePath('qemu-7.2', c, 'ovmf', 'acpi-installed', 'dsdt.dat'))].filter((f) => existsSync(f));
    let templates = 0;
    let matched = 0;
    let cleanTables = 0;
    const problems: string[] = [];
    files.forEach((f, i) => {
      const data = new Uint8Array(readFileSync(f));
      writeFileSync(join(tmp, `t${i}.dat`), data);
      spawnSync('iasl', ['-d', `t${i}.dat`], { cwd: tmp });
      const theirs = resourceTemplatesIn(readFileSync(join(tmp, `t${i}.dsl`), 'utf8'));
      const table = makeTable(data);
      const methods = methodsOf([table]);
      const mine = resourceTemplatesIn(formatTableAsl(table, methods));
      templates += theirs.length;
      // Every template fwlab writes is one iasl writes; all of them when fwlab's AML decoder read the
      // whole table (where it skipped bytes, the buffers inside are not shown at all).
      const clean = disassembleTable(table, methods)!.errors.length === 0;
      if (clean) cleanTables++;
      const wrong = mine.filter((x) => !theirs.includes(x));
      if (wrong.length) problems.push(`${f}: ${wrong.length} templates iasl does not write, e.g. ${wrong[0]!.slice(0, 200)}`);
      const missing = theirs.filter((x) => !mine.includes(x));
      if (clean && missing.length) problems.push(`${f}: ${missing.length}/${theirs.length} of iasl's templates not written by fwlab, e.g. ${missing[0]!.slice(0, 200)}`);
      matched += theirs.length - missing.length;
    });
    t.log(`${files.length} DSDTs (${cleanTables} fully decoded by fwlab's AML decoder), ${matched}/${templates} of iasl's templates written identically`);
    t.deepEqual(problems, []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('random and truncated descriptor sequences never throw: a template or a Buffer', (t) => {
  const rand = prng(5);
  const tags = [0x22, 0x23, 0x2a, 0x30, 0x31, 0x38, 0x47, 0x4b, 0x55, 0x75, 0x81, 0x82, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e];
  let templates = 0;
  for (let i = 0; i < 3000; i++) {
    const bytes: number[] = [];
    for (let n = Math.floor(rand() * 4); n >= 0; n--) {
      const tag = tags[Math.floor(rand() * tags.length)]!;
      bytes.push(tag);
      const len = tag & 0x80 ? Math.floor(rand() * 48) : tag & 7;
      if (tag & 0x80) bytes.push(len & 0xff, len >> 8);
      for (let k = 0; k < len; k++) bytes.push(Math.floor(rand() * 256));
    }
    bytes.push(0x79, 0);
    const b = Uint8Array.from(bytes.slice(0, rand() < 0.2 ? Math.floor(rand() * bytes.length) : bytes.length));
    const ds = decodeResourceTemplate(b);
    if (ds) templates++;
  }
  t.true(templates > 100, `${templates} of 3000 decoded`);
});
