import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The three programs and what each may import (the house rule: three programs, one wire). */
export type Side = 'machine' | 'firmware' | 'guest' | 'spec' | 'lib' | 'host' | 'test' | 'other';

export function sideOf(repoPath: string): Side {
  const p = repoPath.split(sep).join('/');
  if (p.startsWith('src/machine/')) return 'machine';
  if (p.startsWith('firmware/')) return 'firmware';
  if (p.startsWith('src/guest/')) return 'guest';
  if (p.startsWith('src/spec/')) return 'spec';
  if (p.startsWith('src/lib/')) return 'lib';
  if (p.startsWith('test/') || p.startsWith('bench/')) return 'test';
  if (p.startsWith('src/')) return 'host';
  return 'other';
}

/** src/lib files that run on the CPU side too: pure, no Node, no debug. */
const PURE_LIB = new Set(['src/lib/bytes.ts', 'src/lib/hex.ts', 'src/lib/size.ts', 'src/lib/guid.ts', 'src/lib/checksum.ts', 'src/lib/aml-decode.ts']);

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const IMPORT_RE = /(?:^|[;\s])(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): Array<{ specifier: string; typeOnly: boolean }> {
  const out: Array<{ specifier: string; typeOnly: boolean }> = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  for (const m of text.matchAll(IMPORT_RE)) out.push({ specifier: (m[2] ?? m[3])!, typeOnly: Boolean(m[1]) });
  return out;
}

/** Check one file's imports against the rules. `root` is the repository root. */
export function checkFile(root: string, file: string, source: string): Violation[] {
  const from = sideOf(relative(root, file));
  const violations: Violation[] = [];
  for (const { specifier } of importsOf(source)) {
    const bad = (rule: string) => violations.push({ file: relative(root, file), specifier, rule });
    if (!specifier.startsWith('.')) {
      const cpuSide = from === 'firmware' || from === 'guest' || from === 'spec';
      if (cpuSide && (specifier.startsWith('node:') || specifier === 'debug' || /^(fs|path|url|os|child_process)$/.test(specifier))) {
        bad(`${from} code runs on the CPU: no Node modules or debug`);
      }
      continue;
    }
    const target = relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts');
    const to = sideOf(target);
    if (to === 'test' && from !== 'test') bad('product code must not import tests');
    switch (from) {
      case 'firmware':
        if (to === 'machine' || to === 'guest' || to === 'host') bad('firmware may import only firmware/, src/spec and pure src/lib');
        if (to === 'lib' && !PURE_LIB.has(target)) bad(`firmware may import only pure src/lib files (${[...PURE_LIB].join(', ')})`);
        break;
      case 'guest':
        if (to === 'machine' || to === 'firmware' || to === 'host') bad('guest may import only src/guest, src/spec and pure src/lib');
        if (to === 'lib' && !PURE_LIB.has(target)) bad('guest may import only pure src/lib files');
        break;
      case 'machine':
        if (to === 'firmware' || to === 'guest' || to === 'host') bad('machine may import only src/machine, src/spec and src/lib');
        break;
      case 'spec':
        if (to !== 'spec') bad('src/spec holds constants and layouts only: it imports nothing but src/spec');
        break;
      case 'lib':
        if (to !== 'lib' && to !== 'spec') bad('src/lib is pure helpers: it imports only src/lib and src/spec');
        break;
      default:
        break;
    }
  }
  return violations;
}

export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

export function checkTree(root: string): Violation[] {
  return sourceFiles(root, ['src', 'firmware', 'test']).flatMap((f) => checkFile(root, f, readFileSync(f, 'utf8')));
}
