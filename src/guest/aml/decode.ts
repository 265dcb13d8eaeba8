/** AML encoding primitives, ACPI 6.5 §20.2: PkgLength and NameString. */
import type { NamePath } from './namespace.js';
import { amlError } from './errors.js';

export interface Cursor {
  code: Uint8Array;
  pc: number;
}

/** Reads a PkgLength-encoded number (field widths) at c.pc. */
export function readPkgValue(c: Cursor): number {
  const code = c.code;
  const lead = code[c.pc]!;
  const extra = lead >> 6;
  let len = extra === 0 ? lead & 0x3f : lead & 0x0f;
  for (let i = 0; i < extra; i++) len += code[c.pc + 1 + i]! * 2 ** (4 + 8 * i);
  c.pc += 1 + extra;
  return len;
}

/** Reads a PkgLength at c.pc; returns the absolute end offset of the package. */
export function readPkgLength(c: Cursor): number {
  const code = c.code;
  const start = c.pc;
  const lead = code[start]!;
  const extra = lead >> 6;
  let len: number;
  if (extra === 0) len = lead & 0x3f;
  else {
    len = lead & 0x0f;
    for (let i = 0; i < extra; i++) len |= code[start + 1 + i]! << (4 + 8 * i);
    len >>>= 0;
  }
  c.pc = start + 1 + extra;
  const end = start + len;
  if (end > code.length) throw amlError('AML_BAD_OPCODE', `package length 0x${len.toString(16)} runs past the end of the code`);
  return end;
}

export function isLeadNameChar(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || b === 0x5f;
}

/** Does a NameString start here (\, ^, lead char, dual/multi prefix)? NullName excluded. */
export function isNameStart(b: number): boolean {
  return isLeadNameChar(b) || b === 0x5c || b === 0x5e || b === 0x2e || b === 0x2f;
}

function seg(code: Uint8Array, at: number): string {
  if (at + 4 > code.length) throw amlError('AML_BAD_NAME', 'name segment runs past the end of the code');
  return String.fromCharCode(code[at]!, code[at + 1]!, code[at + 2]!, code[at + 3]!);
}

const EMPTY: readonly string[] = [];

export function readNameString(c: Cursor): NamePath {
  const code = c.code;
  let pc = c.pc;
  let root = false;
  let up = 0;
  if (code[pc] === 0x5c) {
    root = true;
    pc++;
  } else {
    while (code[pc] === 0x5e) {
      up++;
      pc++;
    }
  }
  const b = code[pc];
  let segs: readonly string[];
  if (b === 0x00) {
    segs = EMPTY;
    pc++;
  } else if (b === 0x2e) {
    segs = [seg(code, pc + 1), seg(code, pc + 5)];
    pc += 9;
  } else if (b === 0x2f) {
    const n = code[pc + 1]!;
    const s: string[] = [];
    for (let i = 0; i < n; i++) s.push(seg(code, pc + 2 + 4 * i));
    segs = s;
    pc += 2 + 4 * n;
  } else if (b !== undefined && isLeadNameChar(b)) {
    segs = [seg(code, pc)];
    pc += 4;
  } else {
    throw amlError('AML_BAD_NAME', `invalid name character 0x${(b ?? 0).toString(16)}`);
  }
  c.pc = pc;
  return { root, up, segs };
}
