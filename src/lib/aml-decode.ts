/**
 * AML decoding primitives (ACPI 6.5 §20.2): integer data, PkgLength, NameString, String, each
 * read bounds-checked against the end of the enclosing scope. Pure (no Node): the guest's
 * interpreter and the host's disassembler both decode with these.
 */
import { AML } from '../spec/aml.js';

/** Truncated or malformed AML at `offset` (the first byte that could not be decoded). */
export class AmlDecodeError extends Error {
  override readonly name = 'AmlDecodeError';
  constructor(readonly detail: string, readonly offset: number, readonly badName = false) {
    super(`${detail} at AML offset 0x${offset.toString(16)}`);
  }
}

/** A read position in AML: reads must stay below `limit` (end of the enclosing package or table). */
export interface AmlCursor {
  readonly code: Uint8Array;
  pc: number;
  readonly limit: number;
}

/** A decoded NameString: `\` prefix, number of `^` prefixes, and the 4-character segments. */
export interface AmlNameString {
  readonly root: boolean;
  readonly up: number;
  readonly segs: readonly string[];
}

function truncated(c: AmlCursor, what: string, at: number): AmlDecodeError {
  return new AmlDecodeError(`${what} runs past the end of its scope (0x${c.limit.toString(16)})`, at);
}

/** Check that `n` bytes can be read at c.pc. */
export function need(c: AmlCursor, n: number, what: string): void {
  if (c.pc + n > c.limit) throw truncated(c, what, c.pc);
}

export function readByte(c: AmlCursor): number {
  if (c.pc >= c.limit) throw truncated(c, 'ByteData', c.pc);
  return c.code[c.pc++]!;
}

export function readWord(c: AmlCursor): number {
  need(c, 2, 'WordData');
  const { code, pc } = c;
  c.pc = pc + 2;
  return code[pc]! | (code[pc + 1]! << 8);
}

export function readDWord(c: AmlCursor): number {
  need(c, 4, 'DWordData');
  const { code, pc } = c;
  c.pc = pc + 4;
  return (code[pc]! | (code[pc + 1]! << 8) | (code[pc + 2]! << 16) | (code[pc + 3]! << 24)) >>> 0;
}

export function readQWord(c: AmlCursor): bigint {
  need(c, 8, 'QWordData');
  const lo = readDWord(c);
  const hi = readDWord(c);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** String (§20.2.3): ASCII up to its NullChar, which must come before the limit. */
export function readCString(c: AmlCursor): string {
  const { code } = c;
  const start = c.pc;
  let e = start;
  while (e < c.limit && code[e] !== 0) e++;
  if (e >= c.limit) throw truncated(c, 'String', start);
  c.pc = e + 1;
  return latin1(code, start, e);
}

/** code[start..end) as a string of one character per byte (long ones built in chunks, not a string per character). */
export function latin1(code: Uint8Array, start: number, end: number): string {
  let s = '';
  if (end - start <= 32) {
    for (let i = start; i < end; i++) s += String.fromCharCode(code[i]!);
    return s;
  }
  for (let i = start; i < end; i += 4096) {
    s += String.fromCharCode.apply(null, code.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  }
  return s;
}

/** The number a PkgLength encodes (§20.2.4), without a bound check on it (field widths, offsets). */
export function readPkgValue(c: AmlCursor): number {
  const lead = readByte(c);
  const follow = lead >> 6;
  if (follow === 0) return lead & 0x3f;
  need(c, follow, 'PkgLength');
  let len = lead & 0x0f;
  for (let i = 0; i < follow; i++) len += c.code[c.pc++]! * 2 ** (4 + 8 * i);
  return len;
}

/** A PkgLength at c.pc: the absolute end offset of the package, which must lie within the limit. */
export function readPkgLength(c: AmlCursor): number {
  const start = c.pc;
  const len = readPkgValue(c);
  const end = start + len;
  if (end > c.limit || end < c.pc) {
    throw new AmlDecodeError(`package length 0x${len.toString(16)} runs past the end of its scope (0x${c.limit.toString(16)})`, start);
  }
  return end;
}

/** LeadNameChar (§20.2.2): 'A'-'Z' or '_'. */
export function isLeadNameChar(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || b === 0x5f;
}

/** Does a NameString start here (RootChar, ParentPrefixChar, LeadNameChar, Dual/MultiNamePrefix)? NullName excluded. */
export function isNameStart(b: number): boolean {
  return isLeadNameChar(b) || b === AML.RootChar || b === AML.ParentPrefixChar || b === AML.DualNamePrefix || b === AML.MultiNamePrefix;
}

/**
 * Recently decoded NameSegs by their four bytes (direct-mapped): a table load meets the same few
 * hundred names thousands of times, so each gets one string (its hash computed once for namespace
 * maps) and one single-segment NameString. Both are immutable, so sharing them is invisible.
 */
const SEG_SLOTS = 4096;
const segKeys = new Int32Array(SEG_SLOTS);
const segStrings: string[] = new Array<string>(SEG_SLOTS).fill('');
const segPaths: Array<AmlNameString | undefined> = new Array<AmlNameString | undefined>(SEG_SLOTS).fill(undefined);

/** Cache slot of the NameSeg at `pc` (4 bytes known to be readable); its key is in segKeys. */
function segSlot(code: Uint8Array, pc: number): number {
  const key = code[pc]! | (code[pc + 1]! << 8) | (code[pc + 2]! << 16) | (code[pc + 3]! << 24);
  const slot = Math.imul(key, 0x9e3779b1) >>> 20;
  // Key 0 (four NUL bytes) is never cached: the empty slot's key.
  if (segKeys[slot] !== key || key === 0) {
    segKeys[slot] = key;
    segStrings[slot] = String.fromCharCode(code[pc]!, code[pc + 1]!, code[pc + 2]!, code[pc + 3]!);
    segPaths[slot] = undefined;
  }
  return slot;
}

/** NameSeg (§20.2.2): four characters. */
export function readNameSeg(c: AmlCursor): string {
  need(c, 4, 'NameSeg');
  const pc = c.pc;
  c.pc = pc + 4;
  return segStrings[segSlot(c.code, pc)]!;
}

/** A NameString of one NameSeg at c.pc, without prefixes (shared: NameStrings are immutable). */
function readSingleSeg(c: AmlCursor): AmlNameString {
  need(c, 4, 'NameSeg');
  const pc = c.pc;
  c.pc = pc + 4;
  const slot = segSlot(c.code, pc);
  return (segPaths[slot] ??= { root: false, up: 0, segs: [segStrings[slot]!] });
}

const EMPTY: readonly string[] = [];

/** NameString (§20.2.2): prefixes, then NullName, one, two (DualNamePrefix) or N (MultiNamePrefix) segments. */
export function readNameString(c: AmlCursor): AmlNameString {
  const start = c.pc;
  let root = false;
  let up = 0;
  if (c.pc < c.limit && c.code[c.pc] === AML.RootChar) {
    root = true;
    c.pc++;
  } else {
    while (c.pc < c.limit && c.code[c.pc] === AML.ParentPrefixChar) {
      up++;
      c.pc++;
    }
  }
  if (c.pc >= c.limit) throw truncated(c, 'NameString', start);
  const b = c.code[c.pc]!;
  if (b === 0x00) {
    c.pc++;
    return { root, up, segs: EMPTY };
  }
  if (b === AML.DualNamePrefix) {
    c.pc++;
    return { root, up, segs: [readNameSeg(c), readNameSeg(c)] };
  }
  if (b === AML.MultiNamePrefix) {
    c.pc++;
    const n = readByte(c);
    need(c, 4 * n, 'NameString');
    const segs: string[] = [];
    for (let i = 0; i < n; i++) segs.push(readNameSeg(c));
    return { root, up, segs };
  }
  if (!isLeadNameChar(b)) throw new AmlDecodeError(`invalid name character 0x${b.toString(16)}`, c.pc, true);
  if (!root && up === 0) return readSingleSeg(c);
  return { root, up, segs: [readNameSeg(c)] };
}
