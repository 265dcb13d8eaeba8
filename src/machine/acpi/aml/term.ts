import { ByteSink, pkgLengthBytes } from './sink.js';
import { AML, AML_EXT } from './opcodes.js';

/** An AML value: something that writes its own encoding into a sink. */
export interface Aml {
  emit(out: ByteSink): void;
}

/** Where AML is expected, a number/bigint is an Integer and a string is a NameString reference. */
export type AmlArg = Aml | number | bigint | string;

export function toAml(v: AmlArg): Aml {
  if (typeof v === 'number' || typeof v === 'bigint') return int(v);
  if (typeof v === 'string') return nameRef(v);
  return v;
}

export function encode(...items: AmlArg[]): Uint8Array {
  const s = new ByteSink();
  for (const it of items) toAml(it).emit(s);
  return s.toBytes();
}

/** Raw bytes as they are (a table body, a pre-encoded descriptor). */
export function raw(bytes: ArrayLike<number>): Aml {
  return { emit: (out) => void out.bytes(bytes) };
}

export function seq(...items: AmlArg[]): Aml {
  return { emit: (out) => { for (const it of items) toAml(it).emit(out); } };
}

/** Opcode bytes followed by operands. */
export function op(code: number | readonly number[], ...args: AmlArg[]): Aml {
  const head = typeof code === 'number' ? [code] : code;
  return { emit: (out) => { out.bytes(head); for (const a of args) toAml(a).emit(out); } };
}

export function extOp(code: number, ...args: AmlArg[]): Aml {
  return op([AML.ExtOpPrefix, code], ...args);
}

/** Opcode, PkgLength, then `head` (fixed operands) and the body terms. */
export function pkgOp(code: number | readonly number[], head: readonly AmlArg[], body: readonly AmlArg[]): Aml {
  return {
    emit: (out) => {
      if (typeof code === 'number') out.byte(code);
      else out.bytes(code);
      // Write the body in place, then slide it to make room for its PkgLength.
      const start = out.length;
      for (const h of head) toAml(h).emit(out);
      for (const b of body) toAml(b).emit(out);
      out.insertAt(start, pkgLengthBytes(out.length - start));
    },
  };
}

/** Integer with the shortest encoding (Zero/One/Ones only for 0, 1 and all-ones of 64 bits). */
export function int(value: number | bigint): Aml {
  // Most integers in a DSDT are small numbers: encode those without BigInt.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return smallInt(value);
  const v = BigInt(value);
  if (v < 0n || v > 0xffffffffffffffffn) throw new RangeError(`AML integer out of range: ${value}`);
  return {
    emit: (out) => {
      if (v === 0n) out.byte(AML.ZeroOp);
      else if (v === 1n) out.byte(AML.OneOp);
      else if (v === 0xffffffffffffffffn) out.byte(AML.OnesOp);
      else if (v <= 0xffn) out.byte(AML.BytePrefix).uint(v, 1);
      else if (v <= 0xffffn) out.byte(AML.WordPrefix).uint(v, 2);
      else if (v <= 0xffffffffn) out.byte(AML.DWordPrefix).uint(v, 4);
      else out.byte(AML.QWordPrefix).uint(v, 8);
    },
  };
}

function smallInt(v: number): Aml {
  return {
    emit: (out) => {
      if (v === 0) out.byte(AML.ZeroOp);
      else if (v === 1) out.byte(AML.OneOp);
      else if (v <= 0xff) out.byte(AML.BytePrefix).uint(v, 1);
      else if (v <= 0xffff) out.byte(AML.WordPrefix).uint(v, 2);
      else out.byte(AML.DWordPrefix).uint(v, 4);
    },
  };
}

/** Integers with a fixed-width prefix, whatever the value (for fields patched later). */
export function byteConst(v: number): Aml { return op(AML.BytePrefix, raw([v & 0xff])); }
export function wordConst(v: number): Aml { return { emit: (out) => void out.byte(AML.WordPrefix).uint(v, 2) }; }
export function dwordConst(v: number): Aml { return { emit: (out) => void out.byte(AML.DWordPrefix).uint(v, 4) }; }
export function qwordConst(v: number | bigint): Aml { return { emit: (out) => void out.byte(AML.QWordPrefix).uint(v, 8) }; }

export const Zero: Aml = { emit: (out) => void out.byte(AML.ZeroOp) };
export const One: Aml = { emit: (out) => void out.byte(AML.OneOp) };
export const Ones: Aml = { emit: (out) => void out.byte(AML.OnesOp) };

export function str(text: string): Aml {
  return { emit: (out) => void out.byte(AML.StringPrefix).ascii(text).byte(0) };
}

const encodedNames = new Map<string, number[]>();

function nameSeg(seg: string): number[] {
  if (!/^[A-Z_][A-Z0-9_]{0,3}$/.test(seg)) throw new Error(`bad AML name segment '${seg}'`);
  const padded = seg.padEnd(4, '_');
  return Array.from(padded, (c) => c.charCodeAt(0));
}

/** NameString (§20.2.2): `\`, `^` prefixes, dot-separated segments, dual/multi name prefixes. */
export function nameString(path: string): number[] {
  const known = encodedNames.get(path);
  if (known) return known;
  const encoded = encodeNameString(path);
  encodedNames.set(path, encoded);
  return encoded;
}

function encodeNameString(path: string): number[] {
  const out: number[] = [];
  let rest = path;
  if (rest.startsWith('\\')) { out.push(AML.RootChar); rest = rest.slice(1); }
  while (rest.startsWith('^')) { out.push(AML.ParentPrefixChar); rest = rest.slice(1); }
  const segs = rest === '' ? [] : rest.split('.');
  if (segs.length === 0) out.push(0x00);
  else if (segs.length === 2) out.push(AML.DualNamePrefix);
  else if (segs.length > 2) out.push(AML.MultiNamePrefix, segs.length);
  for (const s of segs) out.push(...nameSeg(s));
  return out;
}

export function nameRef(path: string): Aml {
  const bytes = nameString(path);
  return { emit: (out) => void out.bytes(bytes) };
}

export function local(n: number): Aml {
  if (n < 0 || n > 7) throw new RangeError(`Local${n}`);
  return raw([AML.Local0Op + n]);
}
export function arg(n: number): Aml {
  if (n < 0 || n > 6) throw new RangeError(`Arg${n}`);
  return raw([AML.Arg0Op + n]);
}
export const Debug: Aml = raw([AML.ExtOpPrefix, AML_EXT.DebugOp]);
/** An omitted Target operand (NullName). */
export const NoTarget: Aml = raw([0x00]);

export function buffer(data: ArrayLike<number>): Aml {
  return pkgOp(AML.BufferOp, [int(data.length)], [raw(data)]);
}

/** A Buffer of `size` bytes with no initializer. */
export function bufferOfSize(size: AmlArg): Aml {
  return pkgOp(AML.BufferOp, [size], []);
}

export function pkg(...elements: AmlArg[]): Aml {
  return pkgOp(AML.PackageOp, [raw([elements.length])], elements);
}

/** Package (n) {} with NumElements n (< 256) and no initializers. */
export function pkgOfSize(n: number): Aml {
  if (n > 0xff) throw new RangeError('use varPkg for more than 255 elements');
  return pkgOp(AML.PackageOp, [raw([n])], []);
}

export function varPkg(size: AmlArg, ...elements: AmlArg[]): Aml {
  return pkgOp(AML.VarPackageOp, [size], elements);
}
