import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { importsOf, sourceFiles } from './import-rules.js';

/** One relative import between two repository files (paths relative to the root, `.ts`). */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

/** A link that may close a cycle, with the reason it is allowed (see ALLOWED_CYCLE_LINKS). */
export interface AllowedLink {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

const repoPath = (root: string, file: string) => relative(root, file).split(sep).join('/');

/** The relative imports of every .ts file under `dirs`; `override` replaces one file's text (plant tests). */
export function importGraph(root: string, dirs: readonly string[], override?: { file: string; source: string }): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(root, dirs)) {
    const from = repoPath(root, file);
    const text = override && resolve(override.file) === resolve(file) ? override.source : readFileSync(file, 'utf8');
    for (const { specifier, typeOnly } of importsOf(text)) {
      if (!specifier.startsWith('.')) continue;
      edges.push({ from, to: repoPath(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'), typeOnly });
    }
  }
  return edges;
}

/**
 * The import cycles: each strongly connected component of more than one file (or a file importing
 * itself), after dropping the allowed links. Returned as sorted file lists, sorted by first file.
 */
export function importCycles(edges: readonly ImportEdge[], allowed: readonly AllowedLink[] = []): string[][] {
  const skip = new Set(allowed.map((a) => `${a.from}\0${a.to}`));
  const next = new Map<string, string[]>();
  const selfLoops = new Set<string>();
  for (const e of edges) {
    if (skip.has(`${e.from}\0${e.to}`)) continue;
    if (e.from === e.to) selfLoops.add(e.from);
    const list = next.get(e.from) ?? [];
    list.push(e.to);
    next.set(e.from, list);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  // Tarjan's strongly connected components, iterative so deep chains cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const succ = next.get(top.node)!;
      if (top.i < succ.length) {
        const w = succ[top.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        if (component.length > 1 || selfLoops.has(top.node)) out.push(component.sort());
      }
    }
  }
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Allowed links that no longer exist or are no longer type-only when they must be: stale rules. */
export function staleAllowances(edges: readonly ImportEdge[], allowed: readonly AllowedLink[]): AllowedLink[] {
  return allowed.filter((a) => !edges.some((e) => e.from === a.from && e.to === a.to));
}
