import { AF, CF, OF, PF, SF, ZF } from './constants.js';

/**
 * Integer arithmetic with exact EFLAGS (SDM vol. 2, each instruction's "Flags Affected").
 * Operands are unsigned values of `size` bytes (1, 2 or 4); results are returned the same way.
 * Where the SDM leaves a flag undefined, the choice is named at the instruction.
 */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let b = i;
  b ^= b >> 4; b ^= b >> 2; b ^= b >> 1;
  PARITY[i] = b & 1 ? 0 : PF;
}

export const MASK = [0, 0xff, 0xffff, 0, 0xffffffff];
export const SIGN = [0, 0x80, 0x8000, 0, 0x80000000];
const SZP = ARITH_MASK();
function ARITH_MASK(): number {
  return CF | PF | AF | ZF | SF | OF;
}

export interface FlagsHolder {
  flags: number;
}

/** Truncates `v` to `size` bytes, unsigned. */
export function trunc(v: number, size: number): number {
  return size === 4 ? v >>> 0 : v & MASK[size]!;
}

/** ZF, SF, PF of a truncated result. */
export function szp(r: number, size: number): number {
  return (r === 0 ? ZF : 0) | (r & SIGN[size]! ? SF : 0) | PARITY[r & 0xff]!;
}

/** The eight group-1 operations: ADD OR ADC SBB AND SUB XOR CMP (CMP returns a - b, the caller discards it). */
export function alu(c: FlagsHolder, op: number, a: number, b: number, size: number): number {
  let r: number;
  let f: number;
  const sign = SIGN[size]!;
  switch (op) {
    case 0: case 2: {
      const cin = op === 2 ? c.flags & CF : 0;
      r = a + b + cin;
      const t = trunc(r, size);
      f = (r > MASK[size]! ? CF : 0) | ((a ^ b ^ t) & AF) | ((a ^ t) & (b ^ t) & sign ? OF : 0) | szp(t, size);
      r = t;
      break;
    }
    case 3: case 5: case 7: {
      const cin = op === 3 ? c.flags & CF : 0;
      r = a - b - cin;
      const t = trunc(r, size);
      f = (r < 0 ? CF : 0) | ((a ^ b ^ t) & AF) | ((a ^ b) & (a ^ t) & sign ? OF : 0) | szp(t, size);
      r = t;
      break;
    }
    case 1: r = trunc(a | b, size); f = szp(r, size); break;
    case 4: r = trunc(a & b, size); f = szp(r, size); break;
    default: r = trunc(a ^ b, size); f = szp(r, size); break;
  }
  c.flags = (c.flags & ~SZP) | f;
  return r;
}

/** `alu` for 32-bit operands (the hot path: no size lookups). a and b are unsigned. */
export function alu32(c: FlagsHolder, op: number, a: number, b: number): number {
  let r: number;
  let f: number;
  switch (op) {
    case 0: case 2: {
      const w = a + b + (op === 2 ? c.flags & CF : 0);
      r = w >>> 0;
      f = (w > 0xffffffff ? CF : 0) | ((a ^ b ^ r) & AF) | ((a ^ r) & (b ^ r) & 0x80000000 ? OF : 0);
      break;
    }
    case 3: case 5: case 7: {
      const w = a - b - (op === 3 ? c.flags & CF : 0);
      r = w >>> 0;
      f = (w < 0 ? CF : 0) | ((a ^ b ^ r) & AF) | ((a ^ b) & (a ^ r) & 0x80000000 ? OF : 0);
      break;
    }
    case 1: r = (a | b) >>> 0; f = 0; break;
    case 4: r = (a & b) >>> 0; f = 0; break;
    default: r = (a ^ b) >>> 0; f = 0; break;
  }
  c.flags = (c.flags & ~SZP) | f | (r === 0 ? ZF : 0) | (r & 0x80000000 ? SF : 0) | PARITY[r & 0xff]!;
  return r;
}

export function inc(c: FlagsHolder, a: number, size: number): number {
  const r = trunc(a + 1, size);
  c.flags = (c.flags & ~(SZP & ~CF)) | ((a ^ r) & AF) | (r === SIGN[size] ? OF : 0) | szp(r, size);
  return r;
}

export function dec(c: FlagsHolder, a: number, size: number): number {
  const r = trunc(a - 1, size);
  c.flags = (c.flags & ~(SZP & ~CF)) | ((a ^ r) & AF) | (a === SIGN[size] ? OF : 0) | szp(r, size);
  return r;
}

export function neg(c: FlagsHolder, a: number, size: number): number {
  const r = alu(c, 5, 0, a, size);
  return r;
}

/**
 * Group-2 shifts and rotates (op = ModRM reg: ROL ROR RCL RCR SHL SHR SAL SAR). `count` is already
 * masked (to 5 bits on the 80186 and later). A zero count changes nothing. OF is computed for every
 * count as for a count of 1 (SDM: defined only for 1); AF is cleared by shifts, kept by rotates.
 */
export function shift(c: FlagsHolder, op: number, a: number, count: number, size: number): number {
  if (count === 0) return a;
  const bits = size * 8;
  const sign = SIGN[size]!;
  let r: number;
  let cf: number;
  let of: number;
  switch (op) {
    case 0: { // ROL
      const n = count % bits;
      r = n === 0 ? a : trunc((a << n) | (a >>> (bits - n)), size);
      cf = r & 1;
      of = (r & sign ? 1 : 0) ^ cf;
      c.flags = (c.flags & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
      return r;
    }
    case 1: { // ROR
      const n = count % bits;
      r = n === 0 ? a : trunc((a >>> n) | (a << (bits - n)), size);
      cf = r & sign ? 1 : 0;
      of = cf ^ (r & (sign >>> 1) ? 1 : 0);
      c.flags = (c.flags & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
      return r;
    }
    case 2: { // RCL
      const n = count % (bits + 1);
      let x = a;
      cf = c.flags & CF;
      for (let i = 0; i < n; i++) {
        const out = x & sign ? 1 : 0;
        x = trunc(x * 2 + cf, size);
        cf = out;
      }
      r = x;
      of = (r & sign ? 1 : 0) ^ cf;
      c.flags = (c.flags & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
      return r;
    }
    case 3: { // RCR
      const n = count % (bits + 1);
      let x = a;
      cf = c.flags & CF;
      for (let i = 0; i < n; i++) {
        const out = x & 1;
        x = Math.floor(x / 2) + (cf ? sign : 0);
        cf = out;
      }
      r = x;
      of = (r & sign ? 1 : 0) ^ (r & (sign >>> 1) ? 1 : 0);
      c.flags = (c.flags & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
      return r;
    }
    case 4: case 6: { // SHL / SAL
      if (count > bits) { r = 0; cf = 0; } else if (size === 4) {
        r = (a << count) >>> 0;
        cf = (a >>> (32 - count)) & 1;
      } else {
        const wide = a * 2 ** count;
        r = trunc(wide, size);
        cf = Math.floor(wide / 2 ** bits) & 1;
      }
      of = (r & sign ? 1 : 0) ^ cf;
      break;
    }
    case 5: { // SHR
      if (count < 32) { // the common case, in 32-bit integer arithmetic (a < 2^32, so a >>> n is exact)
        r = a >>> count;
        cf = (a >>> (count - 1)) & 1;
      } else if (count > bits) { r = 0; cf = 0; } else {
        r = Math.floor(a / 2 ** count);
        cf = Math.floor(a / 2 ** (count - 1)) & 1;
      }
      of = count === 1 && (a & sign) ? 1 : 0;
      break;
    }
    default: { // SAR
      const neg = (a & sign) !== 0;
      const s = neg ? a - 2 * sign : a;
      if (count < 32) { // s is the signed value (|s| < 2^31), so >> is exact
        r = trunc(s >> (count >= bits ? bits - 1 : count), size);
        cf = count >= bits ? (neg ? 1 : 0) : (s >> (count - 1)) & 1;
        of = 0;
        break;
      }
      const n = count >= bits ? bits - 1 : count;
      r = trunc(Math.floor(s / 2 ** n), size);
      cf = count >= bits ? (neg ? 1 : 0) : Math.floor(s / 2 ** (count - 1)) & 1;
      of = 0;
      break;
    }
  }
  c.flags = (c.flags & ~SZP) | (cf ? CF : 0) | (of ? OF : 0) | szp(r, size);
  return r;
}

/** SHLD/SHRD (count already masked to 5 bits; a count above the operand size leaves the destination undefined). */
export function shiftDouble(c: FlagsHolder, left: boolean, dst: number, src: number, count: number, size: number): number {
  if (count === 0) return dst;
  const bits = size * 8;
  const sign = SIGN[size]!;
  let r: number;
  let cf: number;
  if (left) {
    // (dst:src) << count, take the top half.
    const d = BigInt(dst);
    const s = BigInt(src);
    const wide = (d << BigInt(bits)) | s;
    const shifted = wide << BigInt(count);
    r = Number((shifted >> BigInt(bits)) & BigInt(MASK[size]!));
    cf = Number((wide >> BigInt(2 * bits - count)) & 1n);
  } else {
    const wide = (BigInt(src) << BigInt(bits)) | BigInt(dst);
    r = Number((wide >> BigInt(count)) & BigInt(MASK[size]!));
    cf = Number((wide >> BigInt(count - 1)) & 1n);
  }
  const of = ((r ^ dst) & sign) !== 0;
  c.flags = (c.flags & ~SZP) | (cf ? CF : 0) | (of ? OF : 0) | szp(r, size);
  return r;
}
