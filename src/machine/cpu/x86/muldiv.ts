import { AF, CF, DE_VEC, OF, PF, SF, ZF } from './constants.js';
import { szp } from './alu.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/**
 * MUL, IMUL (one-, two- and three-operand) and DIV, IDIV (SDM vol. 2). CF = OF = "the upper half is
 * significant"; SF, ZF, PF (undefined in the SDM) follow the low half of the result, AF is cleared.
 */
const ARITH = CF | PF | AF | ZF | SF | OF;

function mulFlags(c: X86Cpu, low: number, size: number, overflow: boolean): void {
  c.flags = (c.flags & ~ARITH) | (overflow ? CF | OF : 0) | szp(low, size);
}

/** Unsigned 32 × 32 → 64: low and high dwords, exact. */
export function mulu32(a: number, b: number): [number, number] {
  const aL = a & 0xffff;
  const aH = a >>> 16;
  const bL = b & 0xffff;
  const bH = b >>> 16;
  const ll = aL * bL;
  const lh = aL * bH;
  const hl = aH * bL;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  const lo = ((mid << 16) | (ll & 0xffff)) >>> 0;
  const hi = (aH * bH + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536)) >>> 0;
  return [lo, hi];
}

/** MUL: AX/DX:AX/EDX:EAX = accumulator × src. */
export function mul(c: X86Cpu, src: number, size: number): void {
  if (size === 1) {
    const r = c.r8[0]! * src;
    c.r16[0] = r;
    mulFlags(c, r & 0xff, 1, r > 0xff);
  } else if (size === 2) {
    const r = c.r16[0]! * src;
    c.r16[0] = r;
    c.r16[2 << 1] = r >>> 16;
    mulFlags(c, r & 0xffff, 2, r > 0xffff);
  } else {
    const [lo, hi] = mulu32(c.r32[0]! >>> 0, src);
    c.r32[0] = lo;
    c.r32[2] = hi;
    mulFlags(c, lo, 4, hi !== 0);
  }
}

/** One-operand IMUL. */
export function imul1(c: X86Cpu, src: number, size: number): void {
  if (size === 1) {
    const r = ((c.r8[0]! << 24) >> 24) * ((src << 24) >> 24);
    c.r16[0] = r;
    mulFlags(c, r & 0xff, 1, r !== ((r << 24) >> 24));
  } else if (size === 2) {
    const r = ((c.r16[0]! << 16) >> 16) * ((src << 16) >> 16);
    c.r16[0] = r;
    c.r16[4] = r >> 16;
    mulFlags(c, r & 0xffff, 2, r !== ((r << 16) >> 16));
  } else {
    const a = c.r32[0]!;
    const b = src | 0;
    const [lo, hiU] = mulu32(a >>> 0, b >>> 0);
    let hi = hiU;
    if (a < 0) hi -= b >>> 0;
    if (b < 0) hi -= a >>> 0;
    hi |= 0;
    c.r32[0] = lo;
    c.r32[2] = hi;
    mulFlags(c, lo, 4, hi !== (lo | 0) >> 31);
  }
}

/** Two- and three-operand IMUL: returns the truncated product of signed a × b. */
export function imul2(c: X86Cpu, a: number, b: number, size: number): number {
  if (size === 2) {
    const r = ((a << 16) >> 16) * ((b << 16) >> 16);
    const lo = r & 0xffff;
    mulFlags(c, lo, 2, r !== ((r << 16) >> 16));
    return lo;
  }
  const lo = Math.imul(a, b);
  const exact = (a | 0) * (b | 0);
  mulFlags(c, lo >>> 0, 4, exact !== lo);
  return lo >>> 0;
}

function divideError(c: X86Cpu): never {
  c.eipAfterFault = c.eip;
  return c.fault(DE_VEC);
}

/** DIV: quotient and remainder into AL/AH, AX/DX or EAX/EDX; #DE on zero or overflow. Flags unchanged. */
export function div(c: X86Cpu, src: number, size: number): void {
  if (src === 0) divideError(c);
  if (size === 1) {
    const n = c.r16[0]!;
    const q = Math.floor(n / src);
    if (q > 0xff) divideError(c);
    c.r8[0] = q;
    c.r8[1] = n % src;
  } else if (size === 2) {
    const n = (c.r16[4]! * 65536) + c.r16[0]!;
    const q = Math.floor(n / src);
    if (q > 0xffff) divideError(c);
    c.r16[0] = q;
    c.r16[4] = n % src;
  } else {
    const n = (BigInt(c.r32[2]! >>> 0) << 32n) | BigInt(c.r32[0]! >>> 0);
    const d = BigInt(src);
    const q = n / d;
    if (q > 0xffffffffn) divideError(c);
    c.r32[0] = Number(q);
    c.r32[2] = Number(n % d);
  }
}

/** IDIV: signed, quotient truncated toward zero, remainder has the dividend's sign. */
export function idiv(c: X86Cpu, src: number, size: number): void {
  const s = size === 1 ? (src << 24) >> 24 : size === 2 ? (src << 16) >> 16 : src | 0;
  if (s === 0) divideError(c);
  // The 8086 raises #DE for the most negative quotient too (its range is symmetric), and a REP/REPNE
  // prefix negates its quotient (SingleStepTests 8086 README, F6.7/F7.7 notes).
  const lowest = c.model === '8086' ? 1 : 0;
  const negate = c.model === '8086' && c.rep !== 0 ? -1 : 1;
  if (size === 1) {
    const n = (c.r16[0]! << 16) >> 16;
    const q = negate * Math.trunc(n / s);
    if (q > 127 || q < -128 + lowest) divideError(c);
    c.r8[0] = q;
    c.r8[1] = n % s;
  } else if (size === 2) {
    const n = (c.r16[4]! << 16) | c.r16[0]!;
    const q = negate * Math.trunc(n / s);
    if (q > 32767 || q < -32768 + lowest) divideError(c);
    c.r16[0] = q;
    c.r16[4] = n % s;
  } else {
    const n = (BigInt(c.r32[2]!) << 32n) | BigInt(c.r32[0]! >>> 0);
    const d = BigInt(s);
    const q = n / d;
    if (q > 0x7fffffffn || q < -0x80000000n) divideError(c);
    c.r32[0] = Number(BigInt.asIntN(32, q));
    c.r32[2] = Number(BigInt.asIntN(32, n % d));
  }
}
