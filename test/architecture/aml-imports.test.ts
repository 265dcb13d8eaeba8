import test from 'ava';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { importsOf, sourceFiles } from './import-rules.js';
import { repoRoot } from '../helpers/paths.js';

const root = repoRoot();

/**
 * The only import cycles allowed in src/guest/aml: type-only links between a parent and its
 * child object model. A namespace node holds an AmlValue (namespace.ts → types.ts) and the
 * objects that live in a node point back at it (types.ts → namespace.ts, AmlRegion.node).
 */
const ALLOWED_TYPE_LINKS = new Set(['src/guest/aml/types.ts -> src/guest/aml/namespace.ts']);

interface Edge {
  readonly to: string;
  readonly typeOnly: boolean;
}

function graphOf(dirs: readonly string[]): Map<string, Edge[]> {
  const g = new Map<string, Edge[]>();
  for (const file of sourceFiles(root, dirs)) {
    const from = relative(root, file);
    const edges: Edge[] = [];
    for (const { specifier, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      edges.push({ to: relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'), typeOnly });
    }
    g.set(from, edges);
  }
  return g;
}

/** Cycles (as node lists) of the graph, by depth-first search; one per back edge. */
function cyclesOf(g: ReadonlyMap<string, readonly Edge[]>, allowed: ReadonlySet<string>): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string): void => {
    state.set(n, 1);
    stack.push(n);
    for (const e of g.get(n) ?? []) {
      if (!g.has(e.to) || (e.typeOnly && allowed.has(`${n} -> ${e.to}`))) continue;
      const s = state.get(e.to);
      if (s === 1) cycles.push([...stack.slice(stack.indexOf(e.to)), e.to]);
      else if (s === undefined) visit(e.to);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...g.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

test('no import cycles in src/guest/aml, src/spec, src/lib and the AML disassembler (type imports count)', (t) => {
  const g = graphOf(['src/guest/aml', 'src/spec', 'src/lib', 'src/tools/acpi/aml']);
  t.true(g.size > 20);
  const cycles = cyclesOf(g, ALLOWED_TYPE_LINKS);
  t.deepEqual(cycles, [], cycles.map((c) => c.join(' -> ')).join('\n'));
});

test('the cycle check finds a planted two-file cycle and honours only type-only allowed links', (t) => {
  const g = new Map<string, Edge[]>([
    ['a.ts', [{ to: 'b.ts', typeOnly: false }]],
    ['b.ts', [{ to: 'a.ts', typeOnly: true }]],
  ]);
  t.deepEqual(cyclesOf(g, new Set()), [['a.ts', 'b.ts', 'a.ts']]);
  t.deepEqual(cyclesOf(g, new Set(['b.ts -> a.ts'])), []);
  t.deepEqual(cyclesOf(g, new Set(['a.ts -> b.ts'])), [['a.ts', 'b.ts', 'a.ts']], 'a value import is never allowed');
});

const ANY_RE = /(?::\s*any\b|\bas\s+any\b|<any\b|\bany\[\]|,\s*any\s*[>)\]]|\(\s*any\s*[,)])/;

function anyUses(text: string): number[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:])\/\/.*$/gm, '$1');
  return code.split('\n').flatMap((l, i) => (ANY_RE.test(l.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''")) ? [i + 1] : []));
}

test('no `any` type anywhere in src/', (t) => {
  const hits = sourceFiles(root, ['src']).flatMap((f) => anyUses(readFileSync(f, 'utf8')).map((l) => `${relative(root, f)}:${l}`));
  t.deepEqual(hits, []);
});

test('the `any` check sees annotations, casts and generics, not words in comments or strings', (t) => {
  t.deepEqual(anyUses('let a: any = 1;\nconst b = x as any;\nconst c: Array<any> = [];\nfunction f(x: string, y: any[]) {}'), [1, 2, 3, 4]);
  t.deepEqual(anyUses("// any: not this\nconst any2 = 'is any ok';\nif (!any) {}"), []);
});
