import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as layout from '../../src/machine/boards/layout.js';
import { repoRoot } from '../helpers/paths.js';

const root = repoRoot();

/** The DSDT builders and every device's AML module (`*-acpi.ts` beside its handler). */
function amlSources(): string[] {
  const acpi = readdirSync(join(root, 'src/machine/acpi')).filter((f) => /^dsdt.*\.ts$/.test(f)).map((f) => `src/machine/acpi/${f}`);
  const beside = ['devices', 'pci', 'fw-cfg', 'vmgenid', 'nvdimm'].flatMap((d) =>
    readdirSync(join(root, 'src/machine', d)).filter((f) => f.endsWith('-acpi.ts')).map((f) => `src/machine/${d}/${f}`));
  return [...acpi, ...beside];
}

/** Numeric literals in code (comments and strings removed), with their line. */
function literals(text: string): Array<{ value: number; line: number; text: string }> {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
  const out: Array<{ value: number; line: number; text: string }> = [];
  code.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(/\b(0x[0-9a-f]+|\d+)\b(?!n)/gi)) out.push({ value: Number(m[1]), line: i + 1, text: m[1]! });
  });
  return out;
}

test('no DSDT builder or device AML module repeats a port or address from boards/layout.ts as a literal', (t) => {
  // Ports and addresses from the keyboard controller (0x60) up: below, values are also field widths and AML
  // constants; sizes (_SIZE, _LEN) coincide with page and buffer sizes, so only bases and ports count.
  const constants = new Map<number, string>();
  for (const [name, value] of Object.entries(layout)) {
    if (typeof value === 'number' && value >= layout.PORT_KBD_DATA && !/_(SIZE|LEN)$/.test(name)) constants.set(value, name);
  }
  const files = amlSources();
  t.true(files.length >= 15, files.join(', '));
  const hits: string[] = [];
  for (const f of files) {
    for (const l of literals(readFileSync(join(root, f), 'utf8'))) {
      const name = constants.get(l.value);
      if (name) hits.push(`${f}:${l.line}: ${l.text} is ${name}`);
    }
  }
  t.deepEqual(hits, []);
});

test('the check sees a repeated constant (COM1 at 0x3f8 written as a literal)', (t) => {
  const found = literals("name('_CRS', resourceTemplate(io(0x3f8, 0x3f8, 0, 8)))").map((l) => l.value);
  t.true(found.includes(layout.PORT_COM1));
});
