import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const root = repoRoot();

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Source text without comments and string literals (so prose does not count). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
}

const machineFiles = tsFiles(join(root, 'src/machine')).map((p) => {
  const raw = readFileSync(p, 'utf8');
  return { file: relative(root, p), raw, text: code(raw) };
});;

test('src/machine holds no registry keyed by the machine (WeakMap/Map<Machine, …>)', (t) => {
  const hits = machineFiles.filter((f) => /(?:Weak)?Map<\s*Machine\b/.test(f.text)).map((f) => f.file);
  t.true(machineFiles.length > 50);
  t.deepEqual(hits, []);
});

test('src/machine has no `any` type', (t) => {
  const hits = machineFiles.filter((f) => /(?::|\bas|<|,|\|)\s*any\b(?!\s*[=(])/.test(f.text)).map((f) => f.file);
  t.deepEqual(hits, []);
});

test('only the factory (create-machine.ts) and the boot report import the Machine class; parts get the Platform or a context', (t) => {
  const importers = machineFiles.filter((f) => /^import[^;]*from '(?:\.\.?\/)+machine\.js';/m.test(f.raw))
    .map((f) => f.file).sort();
  t.deepEqual(importers, ['src/machine/create-machine.ts', 'src/machine/report/boot-report.ts']);
});

test('every -device driver is created with a context, not the machine (drivers never name Machine)', (t) => {
  const drivers = machineFiles.filter((f) => /\bDeviceDriver\b|SystemDeviceDriver|PciDeviceDriver/.test(f.text) && /create\(/.test(f.text));
  t.true(drivers.length >= 4, drivers.map((d) => d.file).join(', '));
  for (const d of drivers) t.notRegex(d.text, /\bMachine\b/, d.file);
});
