import { type Exact, type Ext80, INDEFINITE, doubleExact, encodeDouble, exactExponent, extExact, extExp, extSign, exactToDouble, mk } from './ext80.js';
import { type Ctl, type Outcome, invalid, kindOf, mul, screen } from './arith.js';
import { PE, UE, ZE, infinity80 } from './formats.js';

/*
 * The transcendental instructions run on JS doubles (Math.*): their results carry 53 significant
 * bits, not the 64 the x87 delivers, and the last bits follow V8's libm, not Intel's microcode.
 * The test vectors compare them at double precision with a stated tolerance (docs/decisions).
 */

export function toNumber(x: Ext80): number {
  const k = kindOf(x);
  if (k === 'zero') return extSign(x) ? -0 : 0;
  if (k === 'inf') return extSign(x) ? -Infinity : Infinity;
  return exactToDouble(extExact(x));
}

function result(v: number, exact = false): Outcome {
  return { r: encodeDouble(v), exc: exact ? 0 : PE, up: false };
}

/** |x| ≥ 2^63: FSIN/FCOS/FSINCOS/FPTAN leave the operand and set C2 (SDM vol. 2 FSIN). */
export function outOfRange(x: Ext80): boolean {
  const k = kindOf(x);
  return k === 'finite' && (x.se & 0x7fff) - 16383 >= 63;
}

/**
 * The 66-bit pi the x87 reduces FSIN/FCOS/FPTAN/FSINCOS arguments with (SDM vol. 1 §8.3.10); its
 * next two bits are zero, so this 68-bit significand is the same number.
 */
const PI66: Exact = { neg: false, m: 0xc90fdaa22168c234cn, e: 1 - 67 };

/** |x| = k * PI66 + r with |r| ≤ PI66/2, computed exactly; r as a double-double r + lo. */
function reduce(x: Exact): { r: number; lo: number; k: bigint } {
  const mag = { ...x, neg: false };
  if (exactExponent(mag) < 0) {
    const r = exactToDouble(mag);
    return { r, lo: exactToDouble(sub(mag, r)), k: 0n };
  }
  const e = Math.min(mag.e, PI66.e);
  const X = mag.m << BigInt(mag.e - e);
  const P = PI66.m << BigInt(PI66.e - e);
  let k = X / P;
  let r = X - k * P;
  if (2n * r > P) { k += 1n; r -= P; }
  const exact: Exact = { neg: r < 0n, m: r < 0n ? -r : r, e };
  const rd = exactToDouble(exact);
  return { r: rd, lo: exactToDouble(sub(exact, rd)), k };
}

/** x - d exactly, for a double d. */
function sub(x: Exact, d: number): Exact {
  if (d === 0) return x;
  const y = doubleExact(d);
  const e = Math.min(x.e, y.e);
  const v = (x.neg ? -1n : 1n) * (x.m << BigInt(x.e - e)) - (y.neg ? -1n : 1n) * (y.m << BigInt(y.e - e));
  return { neg: v < 0n, m: v < 0n ? -v : v, e };
}

type Trig = 'sin' | 'cos' | 'tan';

/** Below 2^-32 the sine and tangent round to the argument and the cosine to 1 at 64-bit precision. */
function tiny(x: Ext80): boolean {
  return exactExponent(extExact(x)) < -32;
}

export function trig(a: Ext80, ctl: Ctl, f: Trig, quirk = false): Outcome {
  const s = screen([a], ctl.masks);
  if (typeof s !== 'number') return s;
  const k = kindOf(a);
  if (k === 'inf') return { ...invalid(ctl.masks), exc: (s & ~0x02) | 0x01 };
  if (k === 'zero') return f === 'cos' ? { r: encodeDouble(1), exc: s, up: false } : { r: a, exc: s, up: false };
  if (tiny(a)) {
    if (f === 'cos') return { r: encodeDouble(1), exc: s | PE, up: false };
    if (extExp(a) === 0 && quirk) {
      // The host CPU (AMD EPYC) answers FPTAN and FSINCOS of a denormal with the operand's
      // significand under exponent field 1 (an unnormal encoding), C1 set, PE but no UE.
      return { r: { ...a, se: a.se | 1 }, exc: s | PE, up: true };
    }
    return { r: a, exc: s | PE | (extExp(a) === 0 ? UE : 0), up: false };
  }
  const x = extExact(a);
  const { r, lo, k: q } = reduce(x);
  const odd = (q & 1n) === 1n;
  const sign = x.neg ? -1 : 1;
  let v: number;
  // First-order correction for the low part of the reduced argument.
  if (f === 'sin') v = (odd ? -1 : 1) * sign * (Math.sin(r) + lo * Math.cos(r));
  else if (f === 'cos') v = (odd ? -1 : 1) * (Math.cos(r) - lo * Math.sin(r));
  else { const t = Math.tan(r); v = sign * (t + lo * (1 + t * t)); }
  const o = result(v);
  return { ...o, exc: o.exc | s };
}

export const fsin = (a: Ext80, ctl: Ctl): Outcome => trig(a, ctl, 'sin');
export const fcos = (a: Ext80, ctl: Ctl): Outcome => trig(a, ctl, 'cos');
export const ftan = (a: Ext80, ctl: Ctl): Outcome => trig(a, ctl, 'tan', true);
/** The sine half of FSINCOS. */
export const fsinOfSincos = (a: Ext80, ctl: Ctl): Outcome => trig(a, ctl, 'sin', true);

/** log2 of a positive finite value as a double, exponent split off first (extended range). */
function log2(x: Ext80): number {
  const ex = extExact(x);
  const E = exactExponent(ex);
  return E + Math.log2(exactToDouble({ ...ex, e: ex.e - E }));
}

/** y * l with the exact extended multiply (its underflow/overflow flags included). */
function times(y: Ext80, l: number, ctl: Ctl, s: number): Outcome {
  const o = mul(y, encodeDouble(l), { ...ctl, bits: 64 });
  return { ...o, exc: o.exc | s | PE };
}

/** F2XM1: 2^x - 1 for -1 ≤ x ≤ 1. */
export function f2xm1(a: Ext80, ctl: Ctl): Outcome {
  const s = screen([a], ctl.masks);
  if (typeof s !== 'number') return s;
  const k = kindOf(a);
  if (k === 'zero') return { r: a, exc: s, up: false };
  if (k === 'inf') return { r: extSign(a) ? encodeDouble(-1) : a, exc: s, up: false };
  const x = toNumber(a);
  // Outside -1..1 the result is undefined (SDM); the host CPU leaves the operand unchanged.
  if (Math.abs(x) > 1) return { r: a, exc: s | PE, up: false };
  if (exactExponent(extExact(a)) < -60) return times(a, Math.LN2, ctl, s);
  const o = result(Math.expm1(x * Math.LN2), x === 1 || x === -1);
  return { ...o, exc: o.exc | s };
}

/** FPATAN: arctan(ST1/ST0) with the quadrant of (ST0, ST1). */
export function fpatan(y: Ext80, x: Ext80, ctl: Ctl): Outcome {
  const s = screen([y, x], ctl.masks);
  if (typeof s !== 'number') return s;
  const vy = toNumber(y);
  const r = Math.atan2(vy, toNumber(x));
  const o = result(r, r === 0);
  return { ...o, exc: o.exc | s };
}

/** FYL2X: ST1 * log2(ST0) (SDM vol. 2 FYL2X, Table 3-51). */
export function fyl2x(x: Ext80, y: Ext80, ctl: Ctl): Outcome {
  const s = screen([x, y], ctl.masks);
  if (typeof s !== 'number') return s;
  const kx = kindOf(x);
  const ky = kindOf(y);
  const vx = toNumber(x);
  const vy = toNumber(y);
  if ((extSign(x) && kx !== 'zero') || (kx === 'zero' && ky === 'zero') || (kx === 'inf' && ky === 'zero') ||
      (vx === 1 && ky === 'inf')) return { ...invalid(ctl.masks), exc: s | 0x01 };
  if (kx === 'zero') {
    if (!(ctl.masks & ZE)) return { r: undefined, exc: s | ZE, up: false };
    return { r: infinity80(!extSign(y)), exc: s | ZE, up: false };
  }
  if (kx === 'inf') return { r: ky === 'inf' || vy !== 0 ? infinity80(extSign(y) === 1) : x, exc: s, up: false };
  const l = log2(x);
  if (ky === 'inf') return { r: l === 0 ? INDEFINITE : infinity80((extSign(y) === 1) !== l < 0), exc: s, up: false };
  const o = times(y, l, ctl, s);
  return Number.isInteger(l) ? { ...o, exc: o.exc & ~PE | (o.exc & 0x18 ? PE : 0) } : o;
}

/** FYL2XP1: ST1 * log2(ST0 + 1) for |ST0| < 1 - sqrt(2)/2. */
export function fyl2xp1(x: Ext80, y: Ext80, ctl: Ctl): Outcome {
  const s = screen([x, y], ctl.masks);
  if (typeof s !== 'number') return s;
  const kx = kindOf(x);
  const ky = kindOf(y);
  if ((kx === 'zero' && ky === 'inf') || kx === 'inf') return { ...invalid(ctl.masks), exc: s | 0x01 };
  if (kx === 'zero') return { r: mk(extSign(x) ^ extSign(y), 0, 0n), exc: s, up: false };
  const vx = toNumber(x);
  // Out of the domain (SDM: undefined) the host CPU returns ST(0) itself.
  if (vx <= -1) return { r: x, exc: s | PE, up: false };
  return times(y, Math.log1p(vx) / Math.LN2, ctl, s);
}

