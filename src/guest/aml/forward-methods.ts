/**
 * Deferred method-call parsing for code that is skipped rather than run: the Method
 * declarations of a whole table (path → arg count), found by a structural pass over its
 * named-object scopes, so a call to a method defined later in the same table is skipped
 * with the right number of arguments (ACPI 6.5 §20.2.5: method calls are not self-delimiting).
 */
import type { NamePath, NsNode } from './namespace.js';
import { AmlDecodeError, readNameString, readPkgLength } from '../../lib/aml-decode.js';
import { AmlError } from './errors.js';

const cache = new WeakMap<Uint8Array, Map<string, number>>();

function join(base: string, p: NamePath): string {
  // Relative to `base` without ^ (nearly every name): no need to split it.
  if (!p.root && p.up === 0) return base === '' ? p.segs.join('.') : p.segs.length === 0 ? base : `${base}.${p.segs.join('.')}`;
  let segs = p.root ? [] : base ? base.split('.') : [];
  if (!p.root) segs = segs.slice(0, Math.max(0, segs.length - p.up));
  return [...segs, ...p.segs].join('.');
}

/** Methods declared in `code` (a table: AML from byte 36), keyed by path without the leading `\`. */
export function declaredMethods(code: Uint8Array, skip: (pc: number) => number): Map<string, number> {
  const hit = cache.get(code);
  if (hit) return hit;
  const map = new Map<string, number>();
  cache.set(code, map);
  const c = { code, pc: 36, limit: code.length };
  const stack: Array<{ end: number; path: string }> = [{ end: code.length, path: '' }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (c.pc >= top.end) {
      stack.pop();
      continue;
    }
    try {
      const b = code[c.pc]!;
      const ext = b === 0x5b ? code[c.pc + 1]! : -1;
      if (b === 0x10 || ext === 0x82 || ext === 0x83 || ext === 0x84 || ext === 0x85) {
        c.pc += ext >= 0 ? 2 : 1;
        const end = readPkgLength(c);
        const path = join(top.path, readNameString(c));
        c.pc += ext === 0x83 ? 6 : ext === 0x84 ? 3 : 0;
        stack.push({ end: Math.min(end, top.end), path });
      } else if (b === 0x14) {
        c.pc++;
        const end = readPkgLength(c);
        const path = join(top.path, readNameString(c));
        map.set(path, code[c.pc]! & 7);
        c.pc = end;
      } else if (b === 0xa0 || b === 0xa2) {
        c.pc++;
        const end = readPkgLength(c);
        c.pc = skip(c.pc);
        stack.push({ end: Math.min(end, top.end), path: top.path });
      } else if (b === 0xa1) {
        c.pc++;
        const end = readPkgLength(c);
        stack.push({ end: Math.min(end, top.end), path: top.path });
      } else {
        c.pc = skip(c.pc);
      }
    } catch (e) {
      // Undecodable or unresolvable here: the rest of this scope is not scanned.
      if (!(e instanceof AmlDecodeError || e instanceof AmlError)) throw e;
      c.pc = top.end;
    }
  }
  return map;
}

/** Arg count of a method declared later in the table, searching like §5.3 for single NameSegs. */
export function forwardArgCount(methods: Map<string, number>, scope: NsNode, p: NamePath): number | undefined {
  const base = scope.path().slice(1);
  if (!p.root && p.up === 0 && p.segs.length === 1) {
    for (let path = base; ; ) {
      const n = methods.get(path ? `${path}.${p.segs[0]}` : p.segs[0]!);
      if (n !== undefined) return n;
      if (!path) return undefined;
      const i = path.lastIndexOf('.');
      path = i < 0 ? '' : path.slice(0, i);
    }
  }
  return methods.get(join(base, p));
}
