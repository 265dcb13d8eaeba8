import type { CpuProgram } from '../../spec/cpu-wire.js';

/** A self-contained ROM module ends with its one export list, naming `program` (as build.mjs bundles it). */
const TRAILING_EXPORT = /\nexport\s*\{([\w\s,]*)\};?\s*$/;
const OTHER_MODULE_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)|import\.meta|\bimport\s*\(/m;

/**
 * The `program` of a ROM module evaluated as a classic script, for a process that has no module
 * loader (a startup snapshot cannot `import()`): the module's own text, its trailing export turned
 * into a return, run in strict mode as a module is. Undefined when the text is anything more than
 * one self-contained module whose export list names `program` (imports, import.meta, other exports).
 */
export function romScriptProgram(
  image: Uint8Array,
  filename: string,
  evaluate: (code: string, filename: string) => unknown,
): CpuProgram | undefined {
  const text = new TextDecoder().decode(image);
  const m = TRAILING_EXPORT.exec(text);
  if (!m || !m[1]!.split(',').some((n) => n.trim() === 'program')) return undefined;
  const body = text.slice(0, m.index);
  if (OTHER_MODULE_SYNTAX.test(body)) return undefined;
  const make = evaluate(`(function () {\n'use strict';\n${body}\nreturn program;\n})`, filename) as () => unknown;
  const p = make() as Partial<CpuProgram> | undefined;
  return p && typeof p.run === 'function' && typeof p.name === 'string' ? p as CpuProgram : undefined;
}
