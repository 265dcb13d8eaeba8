import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_CYCLE_LINKS, PURE_LIB, checkFile, checkTree, importsOf, sideOf } from './import-rules.js';
import { importCycles, importGraph, staleAllowances } from './import-graph.js';
import type { ImportEdge } from './import-graph.js';
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
  // The host side: CLI → public API + inspection surface; tools → inspection surface + firmware entry.
  ['src/cli/boot-command.ts', "import { pciOf } from '../machine/pci/index.js';", 'the CLI goes through the public API'],
  ['src/cli.ts', "import { DEVICE_CATALOG } from './machine/devices/catalog.js';", 'the CLI goes through the public API'],
  ['src/cli/aml-command.ts', "import { AmlInterpreter } from '../guest/aml/index.js';", 'the CLI goes through the public API'],
  ['src/cli/loader-command.ts', "import { formatFinding } from '../../firmware/loader/findings.js';", 'the CLI goes through the public API'],
  ['src/cli/boot-command.ts', "import { boot } from '../host-boot.js';", 'the CLI goes through the public API'],
  ['src/tools/report/chain.ts', "import { fwCfgOf } from '../../machine/fw-cfg/fw-cfg-subsystem.js';", 'only through src/inspect.ts'],
  ['src/tools/monitor/monitor-aml.ts', "import type { AmlValue } from '../../guest/aml/types.js';", 'only through src/inspect.ts'],
  ['src/tools/loader/run.ts', "import { executeLoader } from '../../../firmware/loader/execute.js';", 'published entry firmware/loader/index.ts'],
  ['src/tools/loader/run.ts', "import { x } from '../../index.js';", 'only through src/inspect.ts'],
  ['src/tools/loader/run.ts', "import { main } from '../../cli.js';", 'tools must not import the CLI'],
  ['src/index.ts', "export { executeLoader } from '../firmware/loader/execute.js';", 'published entry firmware/loader/index.ts'],
  ['src/inspect.ts', "import { main } from './cli.js';", 'must not import the CLI'],
  // src/lib purity, transitively: a pure file importing a non-pure one, or Node.
  ['src/lib/hex.ts', "import { logger } from './log.js';", 'a pure src/lib file imports only pure src/lib files'],
  ['src/lib/bytes.ts', "import { UsageError } from './errors.js';", 'a pure src/lib file imports only pure src/lib files'],
  ['src/lib/guid.ts', "import { randomUUID } from 'node:crypto';", 'no Node modules'],
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

const PRODUCT = ['src', 'firmware'];
const formatCycles = (cycles: string[][]) => cycles.map((c) => `cycle: ${c.join(' <-> ')}`).join('\n');

test('no import cycle in src/ or firmware/ beyond the documented links', (t) => {
  const cycles = importCycles(importGraph(root, PRODUCT), ALLOWED_CYCLE_LINKS);
  t.deepEqual(cycles, [], formatCycles(cycles));
});

test('each documented cycle link exists, and is type-only unless marked temporary', (t) => {
  const edges = importGraph(root, PRODUCT);
  t.deepEqual(staleAllowances(edges, ALLOWED_CYCLE_LINKS), [], 'remove allowances whose import is gone (import-rules.ts ALLOWED_CYCLE_LINKS)');
  const valueLinks = ALLOWED_CYCLE_LINKS.filter((a) => !a.temporary && edges.some((e) => e.from === a.from && e.to === a.to && !e.typeOnly));
  t.deepEqual(valueLinks, [], 'only type-only links may be allowed for good');
});

test('files that run on the CPU reach no impure src/lib, machine or host file, transitively', (t) => {
  const edges = importGraph(root, PRODUCT);
  const next = new Map<string, ImportEdge[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e]);
  const cpu = (f: string) => ['firmware', 'guest', 'spec'].includes(sideOf(f)) || PURE_LIB.has(f);
  const bad: string[] = [];
  for (const start of new Set(edges.map((e) => e.from).filter(cpu))) {
    const seen = new Set([start]);
    const todo = [start];
    while (todo.length) {
      for (const e of next.get(todo.pop()!) ?? []) {
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        if (!cpu(e.to)) bad.push(`${start} reaches ${e.to}`);
        else todo.push(e.to);
      }
    }
  }
  t.deepEqual(bad, []);
});

// Plant tests for cycles: each import below closes a cycle that no rule documents.
const plantedCycles: Array<[string, string]> = [
  ['src/machine/pci/config-space.ts', "import { PciFunction } from './pci-function.js';"],
  ['src/machine/pci/config-space.ts', "import type { PciFunction } from './pci-function.js';"],
  ['src/lib/size.ts', "import { parseSize as again } from './size.js';"],
  ['firmware/loader/script.ts', "import { executeLoader } from './index.js';"],
  ['src/inspect.ts', "import { withChain } from './tools/report/chain.js';"],
];

for (const [file, line] of plantedCycles) {
  test(`a planted '${line}' in ${file} closes a cycle that is caught`, (t) => {
    const path = join(root, file);
    const original = readFileSync(path, 'utf8');
    const cycles = importCycles(importGraph(root, PRODUCT, { file: path, source: `${line}\n${original}` }), ALLOWED_CYCLE_LINKS);
    t.true(cycles.some((c) => c.includes(file)), formatCycles(cycles));
  });
}

test('the cycle finder reports each strongly connected group once and ignores allowed links', (t) => {
  const e = (from: string, to: string): ImportEdge => ({ from, to, typeOnly: false });
  const edges = [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd'), e('d', 'e'), e('e', 'd'), e('f', 'f'), e('g', 'a')];
  t.deepEqual(importCycles(edges), [['a', 'b', 'c'], ['d', 'e'], ['f']]);
  t.deepEqual(importCycles(edges, [{ from: 'c', to: 'a', reason: '' }, { from: 'e', to: 'd', reason: '' }]), [['f']]);
});
