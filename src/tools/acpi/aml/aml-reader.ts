/** Byte-level AML reading for the disassembler, on the decode primitives the interpreter uses. */
import {
  AmlDecodeError, isNameStart, readByte, readDWord, readNameString, readPkgLength, readPkgValue, readQWord, readWord,
} from '../../../lib/aml-decode.js';
import type { AmlCursor } from '../../../lib/aml-decode.js';

export { AmlDecodeError };

export class AmlReader implements AmlCursor {
  constructor(readonly code: Uint8Array, public pc: number, public limit: number) {}

  get pos(): number {
    return this.pc;
  }
  set pos(v: number) {
    this.pc = v;
  }
  /** End of the enclosing package: no read goes past it. */
  get end(): number {
    return this.limit;
  }
  set end(v: number) {
    this.limit = v;
  }
  get done(): boolean {
    return this.pc >= this.limit;
  }
  peek(k = 0): number {
    return this.pc + k < this.limit ? this.code[this.pc + k]! : -1;
  }
  u8(): number {
    return readByte(this);
  }
  /** Little-endian WordData, DWordData or QWordData. */
  le(n: 2 | 4 | 8): bigint {
    return n === 2 ? BigInt(readWord(this)) : n === 4 ? BigInt(readDWord(this)) : readQWord(this);
  }
  /** PkgLength (§20.2.4); returns the absolute end offset of the package. */
  pkgEnd(): number {
    return readPkgLength(this);
  }
  /** A field element's bit length (a PkgLength-encoded number). */
  fieldLength(): number {
    return readPkgValue(this);
  }

  /** NameString (§20.2.2) as ASL text: prefixes, then segments without their trailing '_' padding. */
  name(): string {
    const p = readNameString(this);
    const prefix = p.root ? '\\' : '^'.repeat(p.up);
    return prefix + p.segs.map((s) => s.replace(/_+$/, '') || '_').join('.');
  }
}

/** LeadNameChar / RootChar / ParentPrefixChar / Dual/MultiNamePrefix: a NameString starts here. */
export const startsName = isNameStart;

/** Resolves `name` against `scope` the simple way (no search rules): absolute path string. */
export function absolutePath(scope: string, name: string): string {
  if (name.startsWith('\\')) return name === '\\' ? '\\' : name;
  let s = scope;
  let n = name;
  while (n.startsWith('^')) {
    s = s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : '\\';
    n = n.slice(1);
  }
  if (!n) return s;
  return s === '\\' ? `\\${n}` : `${s}.${n}`;
}
