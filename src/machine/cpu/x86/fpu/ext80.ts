/**
 * The x87 double extended-precision format (SDM vol. 1 §4.2.2) and its exact conversions to and
 * from JS numbers (IEEE doubles). `se` is sign<<15 | biased exponent; `hi:lo` is the 64-bit
 * significand with the explicit integer bit J at bit 63.
 */
export interface Ext80 {
  readonly se: number;
  readonly hi: number;
  readonly lo: number;
}

export const RC_NEAREST = 0;
export const RC_DOWN = 1;
export const RC_UP = 2;
export const RC_CHOP = 3;

export const EXT_BIAS = 16383;
export const INDEFINITE: Ext80 = { se: 0xffff, hi: 0xc0000000, lo: 0 };

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** value = (-1)^neg * m * 2^e, m a non-negative integer. */
export interface Exact {
  neg: boolean;
  m: bigint;
  e: number;
}

export function extSign(x: Ext80): number {
  return x.se >>> 15;
}
export function extExp(x: Ext80): number {
  return x.se & 0x7fff;
}
export function extMant(x: Ext80): bigint {
  return (BigInt(x.hi >>> 0) << 32n) | BigInt(x.lo >>> 0);
}
export function extIsNaN(x: Ext80): boolean {
  return extExp(x) === 0x7fff && (x.hi & 0x80000000) !== 0 && ((x.hi & 0x7fffffff) !== 0 || x.lo !== 0);
}
export function extIsSNaN(x: Ext80): boolean {
  return extIsNaN(x) && (x.hi & 0x40000000) === 0;
}
/** Pseudo-NaN, pseudo-infinity and unnormal encodings: invalid operands on the 387 and later (SDM §8.2.2). */
export function extIsUnsupported(x: Ext80): boolean {
  const e = extExp(x);
  return e !== 0 && (x.hi & 0x80000000) === 0;
}
/** Denormal or pseudo-denormal (exponent field 0, significand non-zero). */
export function extIsDenormal(x: Ext80): boolean {
  return extExp(x) === 0 && (x.hi !== 0 || x.lo !== 0);
}
export function extQuiet(x: Ext80): Ext80 {
  return { se: x.se, hi: (x.hi | 0x40000000) >>> 0, lo: x.lo };
}
export function extEqual(a: Ext80, b: Ext80): boolean {
  return a.se === b.se && a.hi >>> 0 === b.hi >>> 0 && a.lo >>> 0 === b.lo >>> 0;
}

export function bitLength(m: bigint): number {
  let n = 0;
  let x = m;
  while (x >= 0x10000000000000000n) { x >>= 64n; n += 64; }
  const hi = Number(x >> 32n);
  return hi !== 0 ? n + 64 - Math.clz32(hi) : n + 32 - Math.clz32(Number(x));
}

/** Exact 80-bit encoding of a finite or infinite double (NaNs map their payload into the fraction). */
export function encodeDouble(v: number): Ext80 {
  f64[0] = v;
  const dh = u32[1]!;
  const dl = u32[0]!;
  const sign = dh >>> 31;
  const e = (dh >>> 20) & 0x7ff;
  const frac = (BigInt(dh & 0xfffff) << 32n) | BigInt(dl);
  if (e === 0x7ff) return mk(sign, 0x7fff, (1n << 63n) | (frac << 11n));
  if (e === 0) {
    if (frac === 0n) return mk(sign, 0, 0n);
    const shift = 64 - bitLength(frac);
    return mk(sign, EXT_BIAS - 1022 - (shift - 12), frac << BigInt(shift));
  }
  return mk(sign, e - 1023 + EXT_BIAS, (1n << 63n) | (frac << 11n));
}

export function mk(sign: number, exp: number, mant: bigint): Ext80 {
  return { se: ((sign << 15) | exp) >>> 0, hi: Number((mant >> 32n) & 0xffffffffn), lo: Number(mant & 0xffffffffn) };
}

/** The exact value of a finite encoding (any exponent, denormals and pseudo-denormals included). */
export function extExact(x: Ext80): Exact {
  const exp = extExp(x);
  return { neg: extSign(x) === 1, m: extMant(x), e: (exp === 0 ? 1 : exp) - EXT_BIAS - 63 };
}

/** The exact value of a finite double. */
export function doubleExact(v: number): Exact {
  f64[0] = v;
  const dh = u32[1]!;
  const e = (dh >>> 20) & 0x7ff;
  const frac = (BigInt(dh & 0xfffff) << 32n) | BigInt(u32[0]!);
  if (e === 0) return { neg: dh >>> 31 === 1, m: frac, e: -1074 };
  return { neg: dh >>> 31 === 1, m: frac | (1n << 52n), e: e - 1075 };
}

/** x * 2^e for an integer-valued x < 2^64 without intermediate overflow/underflow. */
export function scale2(x: number, e: number): number {
  let r = x;
  while (e > 1000) { r *= 2 ** 1000; e -= 1000; }
  while (e < -1000) {
    // Keep the intermediate normal until the last step so only the final product can round.
    if (e < -1000 - 60 || Math.abs(r) >= 2 ** -900) { r *= 2 ** -1000; e += 1000; } else break;
  }
  return r * 2 ** e;
}

export interface Rounded extends Exact {
  inexact: boolean;
  /** The magnitude was increased by rounding (the x87's C1 after an inexact result). */
  up: boolean;
}

/**
 * Rounds an exact value to `bits` significant bits, with a quantum never below 2^minQE, under the
 * x87 rounding control `rc` (SDM vol. 1 §4.8.4). The exponent range is the caller's business.
 */
export function roundExact(x: Exact, bits: number, minQE: number, rc: number): Rounded {
  const { neg } = x;
  let { m, e } = x;
  if (m === 0n) return { neg, m, e, inexact: false, up: false };
  const len = bitLength(m);
  let shift = len - bits;
  if (e + shift < minQE) shift = minQE - e;
  let inexact = false;
  let up = false;
  if (shift > 0) {
    const big = shift > len + 1;
    const s = BigInt(shift);
    const kept = big ? 0n : m >> s;
    const rem = big ? m : m & ((1n << s) - 1n);
    const cmpHalf = big ? -1 : compareBig(rem, 1n << (s - 1n));
    let inc = false;
    if (rem !== 0n) {
      inexact = true;
      if (rc === RC_NEAREST) inc = cmpHalf > 0 || (cmpHalf === 0 && (kept & 1n) === 1n);
      else if (rc === RC_UP) inc = !neg;
      else if (rc === RC_DOWN) inc = neg;
    }
    m = inc ? kept + 1n : kept;
    up = inc;
    e += shift;
  }
  return { neg, m, e, inexact, up };
}

/** A finite exact value with at most 53 significant bits as a number. */
export function exactNumber(x: Exact): number {
  const mag = scale2(Number(x.m), x.e);
  return x.neg ? -mag : mag;
}

/** An exact value as a double rounded to nearest. */
export function exactToDouble(x: Exact): number {
  return exactNumber(roundExact(x, 53, -1074, RC_NEAREST));
}

/** Rounds an Exact whose exponent range is unbounded to the integer grid (FRNDINT, FIST, FBSTP). */
export function roundToInteger(x: Exact, rc: number): { n: bigint; inexact: boolean; up: boolean } {
  if (x.e >= 0) return { n: (x.neg ? -1n : 1n) * (x.m << BigInt(x.e)), inexact: false, up: false };
  const s = BigInt(-x.e);
  const big = -x.e > bitLength(x.m) + 1;
  let kept = big ? 0n : x.m >> s;
  const rem = big ? x.m : x.m & ((1n << s) - 1n);
  let up = false;
  if (rem !== 0n) {
    let inc = false;
    const cmpHalf = big ? -1 : compareBig(rem, 1n << (s - 1n));
    if (rc === RC_NEAREST) inc = cmpHalf > 0 || (cmpHalf === 0 && (kept & 1n) === 1n);
    else if (rc === RC_UP) inc = !x.neg;
    else if (rc === RC_DOWN) inc = x.neg;
    if (inc) { kept += 1n; up = true; }
  }
  return { n: x.neg ? -kept : kept, inexact: rem !== 0n, up };
}

function compareBig(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

/** Exact encoding of a (possibly huge) integer; exact for |n| < 2^64. */
export function encodeInteger(n: bigint): Ext80 {
  if (n === 0n) return mk(0, 0, 0n);
  const neg = n < 0n;
  const mag = neg ? -n : n;
  const len = bitLength(mag);
  return mk(neg ? 1 : 0, EXT_BIAS + len - 1, mag << BigInt(64 - len));
}

/** Exact Exact → Ext80 when the value fits 64 significant bits and the extended exponent range. */
export function encodeExact(x: Exact): Ext80 {
  if (x.m === 0n) return mk(x.neg ? 1 : 0, 0, 0n);
  const len = bitLength(x.m);
  const exp = x.e + len - 1 + EXT_BIAS;
  return mk(x.neg ? 1 : 0, exp, x.m << BigInt(64 - len));
}

export function exactExponent(x: Exact): number {
  return x.e + bitLength(x.m) - 1;
}
