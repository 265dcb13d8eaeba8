/**
 * DataRefObjects made only of literals (ACPI 6.5 §20.2.3, §20.2.5.4): integer constants, Strings,
 * Buffers of constant size, and Packages of those and of names, decoded in one pass to new objects
 * without the engine's op contexts (most of a table load is Name terms of this form).
 *
 * Anything else (a computed operand, RevisionOp, VarPackage, a part that does not lie within its
 * package, malformed encoding) is left to the engine: the decode answers undefined and the engine
 * decodes the same bytes again, reporting errors as usual. So what this decodes is what the engine's
 * Buffer/Package/element path would produce, value for value.
 */
import { AmlBuffer, AmlNameRef, AmlPackage, AmlReference, AmlString, RefType } from './types.js';
import type { AmlValue } from './types.js';
import type { NsNode } from './namespace.js';
import { nameToString } from './namespace.js';
import type { AmlContext, Frame } from './frame.js';
import { AmlDecodeError, isNameStart, latin1, readNameString, readPkgLength } from '../../lib/aml-decode.js';
import type { AmlCursor } from '../../lib/aml-decode.js';
import { MAX_OBJECT_BYTES } from './limits.js';

/** Packages nested deeper than this go to the engine (whose stack is explicit). */
const MAX_DEPTH = 32;

/** Integer constants 0..255 (ByteConst): bigints are immutable, so one object each serves every use. */
export const BYTE_INTEGERS: readonly bigint[] = Array.from({ length: 256 }, (_, i) => BigInt(i));

export class LiteralDecoder {
  private code: Uint8Array = new Uint8Array(0);
  private pc = 0;
  private scope: NsNode | undefined;
  /** For the shared decode functions: a cursor of the same shape as the field-list and skip cursors. */
  private readonly cursor: AmlCursor & { code: Uint8Array; limit: number } = { code: this.code, pc: 0, limit: 0 };

  constructor(private readonly it: AmlContext) {}

  /** The DataRefObject at f.pc as a new object (f.pc moved past it), or undefined (f.pc unchanged). */
  decode(f: Frame): AmlValue | undefined {
    this.code = f.code;
    this.pc = f.pc;
    this.scope = f.scope;
    const v = this.object(f.limit, 0, false);
    this.scope = undefined;
    if (v !== undefined) f.pc = this.pc;
    return v;
  }

  /** One object that must end by `limit`; names only as package elements. */
  private object(limit: number, depth: number, element: boolean): AmlValue | undefined {
    const code = this.code;
    const pc = this.pc;
    if (pc >= limit) return undefined;
    const b = code[pc]!;
    switch (b) {
      case 0x00:
        this.pc = pc + 1;
        return 0n;
      case 0x01:
        this.pc = pc + 1;
        return 1n;
      case 0xff:
        this.pc = pc + 1;
        return this.it.ones;
      case 0x0a:
        if (pc + 2 > limit) return undefined;
        this.pc = pc + 2;
        return BYTE_INTEGERS[code[pc + 1]!]!;
      case 0x0b:
        if (pc + 3 > limit) return undefined;
        this.pc = pc + 3;
        return integer(code[pc + 1]! | (code[pc + 2]! << 8));
      case 0x0c:
        if (pc + 5 > limit) return undefined;
        this.pc = pc + 5;
        return integer(dword(code, pc + 1));
      case 0x0e:
        if (pc + 9 > limit) return undefined;
        this.pc = pc + 9;
        return this.it.trunc((BigInt(dword(code, pc + 5)) << 32n) | BigInt(dword(code, pc + 1)));
      case 0x0d:
        return this.string(limit);
      case 0x11:
        return this.buffer(limit);
      case 0x12:
        return depth < MAX_DEPTH ? this.package(limit, depth) : undefined;
    }
    return element && isNameStart(b) ? this.name(limit) : undefined;
  }

  private string(limit: number): AmlValue | undefined {
    const code = this.code;
    const start = this.pc + 1;
    let e = start;
    while (e < limit && code[e] !== 0) e++;
    if (e >= limit) return undefined;
    this.pc = e + 1;
    return new AmlString(latin1(code, start, e));
  }

  /** The PkgLength after the opcode at this.pc: the end offset, or -1 when it does not fit `limit`. */
  private pkgEnd(limit: number): number {
    const c = this.cursor;
    c.code = this.code;
    c.pc = this.pc + 1;
    c.limit = limit;
    try {
      const end = readPkgLength(c);
      this.pc = c.pc;
      return end;
    } catch (e) {
      if (e instanceof AmlDecodeError) return -1;
      throw e;
    }
  }

  /** DefBuffer with a constant BufferSize (Zero, One, Byte/Word/DWordConst). */
  private buffer(limit: number): AmlValue | undefined {
    const start = this.pc;
    const end = this.pkgEnd(limit);
    const code = this.code;
    const pc = this.pc;
    let size = -1;
    if (end >= 0 && pc < end) {
      const b = code[pc]!;
      if (b === 0x00 || b === 0x01) {
        size = b;
        this.pc = pc + 1;
      } else if (b === 0x0a && pc + 2 <= end) {
        size = code[pc + 1]!;
        this.pc = pc + 2;
      } else if (b === 0x0b && pc + 3 <= end) {
        size = code[pc + 1]! | (code[pc + 2]! << 8);
        this.pc = pc + 3;
      } else if (b === 0x0c && pc + 5 <= end) {
        size = dword(code, pc + 1);
        this.pc = pc + 5;
      }
    }
    if (size < 0 || size > MAX_OBJECT_BYTES) {
      this.pc = start;
      return undefined;
    }
    const from = this.pc;
    const data = new Uint8Array(Math.max(size, end - from));
    for (let i = from; i < end; i++) data[i - from] = code[i]!;
    this.pc = end;
    return new AmlBuffer(data);
  }

  /** DefPackage: NumElements, then elements that each end by the package's end. */
  private package(limit: number, depth: number): AmlValue | undefined {
    const start = this.pc;
    const end = this.pkgEnd(limit);
    if (end < 0 || this.pc >= end) {
      this.pc = start;
      return undefined;
    }
    const count = this.code[this.pc++]!;
    // Sized as the engine's Package makes it: NumElements slots, more when the list is longer.
    const elements = new Array<AmlValue | undefined>(count);
    let n = 0;
    while (this.pc < end) {
      const v = this.object(end, depth + 1, true);
      if (v === undefined) {
        this.pc = start;
        return undefined;
      }
      if (n < count) elements[n] = v;
      else elements.push(v);
      n++;
    }
    for (; n < count; n++) elements[n] = undefined;
    return new AmlPackage(elements);
  }

  /** A NameString element: a path resolved on access (NT), or the reference ACPICA resolves at load. */
  private name(limit: number): AmlValue | undefined {
    const c = this.cursor;
    c.code = this.code;
    c.pc = this.pc;
    c.limit = limit;
    let p;
    try {
      p = readNameString(c);
    } catch (e) {
      if (!(e instanceof AmlDecodeError)) throw e;
      return undefined;
    }
    this.pc = c.pc;
    const scope = this.scope!;
    if (this.it.windows) return new AmlNameRef(nameToString(p), scope);
    const n = this.it.ns.lookup(scope, p);
    if (!n) return new AmlString(nameToString(p));
    return new AmlReference(RefType.Node, n.resolve(), undefined, 0, true);
  }
}

/**
 * Word and DWord constants recently decoded (direct-mapped): the same values recur across a
 * table's packages (one _PSS per processor), and bigints are immutable, so one object serves.
 */
const INT_SLOTS = 4096;
const intKeys = new Float64Array(INT_SLOTS).fill(-1);
const intValues: bigint[] = new Array<bigint>(INT_SLOTS).fill(0n);

function integer(v: number): bigint {
  const slot = Math.imul(v, 0x9e3779b1) >>> 20;
  if (intKeys[slot] !== v) {
    intKeys[slot] = v;
    intValues[slot] = BigInt(v);
  }
  return intValues[slot]!;
}

function dword(code: Uint8Array, at: number): number {
  return (code[at]! | (code[at + 1]! << 8) | (code[at + 2]! << 16) | (code[at + 3]! << 24)) >>> 0;
}
