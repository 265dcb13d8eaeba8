import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile, checkTree, importsOf } from './import-rules.js';
import { repoRoot } from '../helpers/paths.js';

const root = repoRoot();

test('no file crosses the machine / firmware / guest boundary', (t) => {
  const violations = checkTree(root);
  t.deepEqual(violations, [], violations.map((v) => `${v.file}: '${v.specifier}': ${v.rule}`).join('\n'));
});

// The test of the test: each forbidden import, planted in a real file of that side, is caught.
const planted: Array<[string, string, string]> = [
  ['firmware/main.ts', "import { Machine } from '../src/machine/machine.js';", 'firmware may import only'],
  ['firmware/main.ts', "import { x } from '../src/guest/main.js';", 'firmware may import only'],
  ['firmware/main.ts', "import { logger } from '../src/lib/log.js';", 'pure src/lib'],
  ['firmware/main.ts', "import { readFileSync } from 'node:fs';", 'no Node modules'],
  ['src/machine/machine.ts', "import { program } from '../../firmware/main.js';", 'machine may import only'],
  ['src/machine/machine.ts', "import type { X } from '../guest/main.js';", 'machine may import only'],
  ['src/guest/main.ts', "import { Machine } from '../machine/machine.js';", 'guest may import only'],
  ['src/guest/main.ts', "export { program } from '../../firmware/main.js';", 'guest may import only'],
  ['src/spec/cpu-wire.ts', "import { hex } from '../lib/hex.js';", 'src/spec holds constants'],
  ['src/machine/machine.ts', "import { h } from '../../test/helpers/paths.js';", 'must not import tests'],
];

for (const [file, line, rule] of planted) {
  test(`a planted '${line}' in ${file} is caught`, (t) => {
    const path = join(root, file);
    const original = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    })();
    const violations = checkFile(root, path, `${line}\n${original}`);
    t.true(violations.some((v) => v.rule.includes(rule)), JSON.stringify(violations));
    t.deepEqual(checkFile(root, path, original), [], 'the file as committed is clean');
  });
}

test('import scanning sees static, type-only, re-export and dynamic imports, not comments', (t) => {
  const found = importsOf([
    "import a from './a.js';",
    "import type { B } from './b.js';",
    "export { c } from './c.js';",
    "const d = await import('./d.js');",
    "// import e from './e.js';",
    "/* import f from './f.js'; */",
  ].join('\n'));
  t.deepEqual(found.map((f) => f.specifier), ['./a.js', './b.js', './c.js', './d.js']);
  t.true(found[1]!.typeOnly);
});
