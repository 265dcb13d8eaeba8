import {
  type Exact, type Ext80, INDEFINITE, RC_DOWN, bitLength, extExact, extExp, extIsDenormal, extIsNaN, extIsSNaN,
  extIsUnsupported, extMant, extQuiet, extSign, exactExponent, mk, roundToInteger,
} from './ext80.js';
import { DE, F80, IE, ZE, fit, infinity80, toExt80 } from './formats.js';

/** Control inputs of one arithmetic operation: FCW.RC, the significand bits FCW.PC selects, FCW masks. */
export interface Ctl {
  readonly rc: number;
  readonly bits: number;
  readonly masks: number;
}

/** An operation's outcome: `r` is undefined when an unmasked invalid/denormal/zero-divide suppressed it. */
export interface Outcome {
  r: Ext80 | undefined;
  exc: number;
  up: boolean;
}

export type Kind = 'zero' | 'finite' | 'inf' | 'nan' | 'unsupported';

export function kindOf(x: Ext80): Kind {
  if (extIsUnsupported(x)) return 'unsupported';
  const e = extExp(x);
  if (e === 0x7fff) return extIsNaN(x) ? 'nan' : 'inf';
  if (e === 0 && x.hi === 0 && x.lo === 0) return 'zero';
  return 'finite';
}

const done = (r: Ext80 | undefined, exc = 0, up = false): Outcome => ({ r, exc, up });

/**
 * Operand screening shared by the arithmetic instructions (SDM vol. 1 §4.8.3.5, Table 4-7):
 * unsupported encodings and SNaNs are invalid; NaNs propagate (QNaN over SNaN, else the larger
 * significand); denormal operands raise DE. Returns an outcome when the operands decide it.
 */
export function screen(ops: readonly Ext80[], masks: number): Outcome | number {
  let exc = 0;
  if (ops.some(extIsUnsupported)) return invalid(masks);
  const nans = ops.filter(extIsNaN);
  if (nans.length > 0) {
    if (nans.some(extIsSNaN)) exc |= IE;
    if (exc && !(masks & IE)) return done(undefined, exc);
    let pick = nans[0]!;
    if (nans.length === 2) {
      const [a, b] = nans as [Ext80, Ext80];
      const qa = !extIsSNaN(a);
      const qb = !extIsSNaN(b);
      if (qa !== qb) pick = qa ? a : b;
      else {
        const ma = extMant(a) & ~(1n << 62n);
        const mb = extMant(b) & ~(1n << 62n);
        pick = ma > mb ? a : mb > ma ? b : extSign(a) === 0 ? a : b;
      }
    }
    return done(extQuiet(pick), exc);
  }
  if (ops.some(extIsDenormal)) {
    exc |= DE;
    if (!(masks & DE)) return done(undefined, exc);
  }
  return exc;
}

export function invalid(masks: number): Outcome {
  return done(masks & IE ? INDEFINITE : undefined, IE);
}

function rounded(x: Exact, ctl: Ctl, exc: number): Outcome {
  const f = fit(x, F80, ctl.bits, ctl.rc, ctl.masks);
  return done(toExt80(f), exc | f.exc, f.up);
}

function zero(neg: boolean): Ext80 {
  return mk(neg ? 1 : 0, 0, 0n);
}

/** FADD/FSUB: a + (negate ? -b : b), exactly rounded (SDM vol. 1 §4.8.4). */
export function add(a: Ext80, b: Ext80, negate: boolean, ctl: Ctl): Outcome {
  const s = screen([a, b], ctl.masks);
  if (typeof s !== 'number') return s;
  const bn: Ext80 = negate ? { ...b, se: b.se ^ 0x8000 } : b;
  const ka = kindOf(a);
  const kb = kindOf(bn);
  if (ka === 'inf' || kb === 'inf') {
    if (ka === 'inf' && kb === 'inf' && extSign(a) !== extSign(bn)) return orExc(invalid(ctl.masks), s);
    return done(ka === 'inf' ? a : bn, s);
  }
  const xa = extExact(a);
  const xb = extExact(bn);
  const e = Math.min(xa.e, xb.e);
  const va = (xa.neg ? -1n : 1n) * (xa.m << BigInt(xa.e - e));
  const vb = (xb.neg ? -1n : 1n) * (xb.m << BigInt(xb.e - e));
  const sum = va + vb;
  if (sum === 0n) {
    // Exact zero sum (IEEE 754 §6.3): like-signed zeros keep their sign, otherwise -0 only under round-down.
    const both = ka === 'zero' && kb === 'zero' && xa.neg === xb.neg;
    const neg = both ? xa.neg : ctl.rc === RC_DOWN;
    return done(zero(neg), s);
  }
  return rounded({ neg: sum < 0n, m: sum < 0n ? -sum : sum, e }, ctl, s);
}

/** Combines screening flags with an invalid-operation outcome: IE takes precedence over DE. */
function orExc(o: Outcome, exc: number): Outcome {
  return { ...o, exc: o.exc | (o.exc & IE ? exc & ~DE : exc) };
}

export function mul(a: Ext80, b: Ext80, ctl: Ctl): Outcome {
  const s = screen([a, b], ctl.masks);
  if (typeof s !== 'number') return s;
  const neg = extSign(a) !== extSign(b);
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'inf' || kb === 'inf') {
    if (ka === 'zero' || kb === 'zero') return orExc(invalid(ctl.masks), s);
    return done(infinity80(neg), s);
  }
  if (ka === 'zero' || kb === 'zero') return done(zero(neg), s);
  const xa = extExact(a);
  const xb = extExact(b);
  return rounded({ neg, m: xa.m * xb.m, e: xa.e + xb.e }, ctl, s);
}

export function div(a: Ext80, b: Ext80, ctl: Ctl): Outcome {
  const s = screen([a, b], ctl.masks);
  if (typeof s !== 'number') return s;
  const neg = extSign(a) !== extSign(b);
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'inf') return kb === 'inf' ? orExc(invalid(ctl.masks), s) : done(infinity80(neg), s);
  if (kb === 'inf') return done(zero(neg), s);
  if (kb === 'zero') {
    if (ka === 'zero') return orExc(invalid(ctl.masks), s);
    return done(ctl.masks & ZE ? infinity80(neg) : undefined, s | ZE);
  }
  if (ka === 'zero') return done(zero(neg), s);
  const xa = extExact(a);
  const xb = extExact(b);
  // Quotient with at least 66 significant bits plus a sticky bit: enough for every precision.
  const k = Math.max(0, 68 + bitLength(xb.m) - bitLength(xa.m));
  const num = xa.m << BigInt(k);
  const q = num / xb.m;
  const sticky = num % xb.m !== 0n ? 1n : 0n;
  return rounded({ neg, m: (q << 1n) | sticky, e: xa.e - xb.e - k - 1 }, ctl, s);
}

export function sqrt(a: Ext80, ctl: Ctl): Outcome {
  const s = screen([a], ctl.masks);
  if (typeof s !== 'number') return s;
  const ka = kindOf(a);
  if (ka === 'zero') return done(a, s);
  if (extSign(a) === 1) return orExc(invalid(ctl.masks), s);
  if (ka === 'inf') return done(a, s);
  const x = extExact(a);
  let m = x.m;
  let e = x.e;
  if (e & 1) { m <<= 1n; e -= 1; }
  const k = Math.max(0, 70 - (bitLength(m) >> 1));
  m <<= BigInt(2 * k);
  e -= 2 * k;
  const r = isqrt(m);
  const sticky = r * r !== m ? 1n : 0n;
  return rounded({ neg: false, m: (r << 1n) | sticky, e: e / 2 - 1 }, ctl, s);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export type Order = 'lt' | 'eq' | 'gt' | 'un';

/** Ordering of two non-NaN values (zeros of either sign are equal). */
export function order(a: Ext80, b: Ext80): Order {
  if (extIsNaN(a) || extIsNaN(b) || extIsUnsupported(a) || extIsUnsupported(b)) return 'un';
  const ka = kindOf(a);
  const kb = kindOf(b);
  const sa = extSign(a) === 1 ? -1 : 1;
  const sb = extSign(b) === 1 ? -1 : 1;
  const key = (k: Kind, sg: number, x: Ext80): [number, Exact | undefined] =>
    k === 'zero' ? [0, undefined] : k === 'inf' ? [2 * sg, undefined] : [sg, extExact(x)];
  const [ga, xa] = key(ka, sa, a);
  const [gb, xb] = key(kb, sb, b);
  if (ga !== gb) return ga < gb ? 'lt' : 'gt';
  if (!xa || !xb) return 'eq';
  const e = Math.min(xa.e, xb.e);
  const ma = xa.m << BigInt(xa.e - e);
  const mb = xb.m << BigInt(xb.e - e);
  if (ma === mb) return 'eq';
  return (ma < mb) === (ga > 0) ? 'lt' : 'gt';
}

/** FRNDINT: round to an integer under RC (values ≥ 2^63 are already integers). */
export function rndint(a: Ext80, ctl: Ctl): Outcome {
  const s = screen([a], ctl.masks);
  if (typeof s !== 'number') return s;
  const k = kindOf(a);
  if (k !== 'finite') return done(a, s);
  const x = extExact(a);
  const { n, inexact, up } = roundToInteger(x, ctl.rc);
  const r = n === 0n ? zero(x.neg) : toExt80(fit({ neg: x.neg, m: n < 0n ? -n : n, e: 0 }, F80, 64, ctl.rc, ctl.masks));
  return done(r, s | (inexact ? 0x20 : 0), up);
}

/** FSCALE: a * 2^trunc(b) (SDM vol. 2 FSCALE, Table 3-47 for the special operands). */
export function scale(a: Ext80, b: Ext80, ctl: Ctl): Outcome {
  const s = screen([a, b], ctl.masks);
  if (typeof s !== 'number') return s;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (kb === 'inf') {
    const bneg = extSign(b) === 1;
    if ((ka === 'zero' && !bneg) || (ka === 'inf' && bneg)) return orExc(invalid(ctl.masks), s);
    if (ka === 'zero' || ka === 'inf') return done(a, s);
    return done(bneg ? zero(extSign(a) === 1) : infinity80(extSign(a) === 1), s);
  }
  if (ka !== 'finite') return done(a, s);
  const t = roundToInteger(extExact(b), 3).n;
  const clamp = t > 70000n ? 70000 : t < -70000n ? -70000 : Number(t);
  const x = extExact(a);
  return rounded({ ...x, e: x.e + clamp }, { ...ctl, bits: 64 }, s);
}

/** FXTRACT: [exponent, significand] (SDM vol. 2 FXTRACT). */
export function xtract(a: Ext80, ctl: Ctl): { exp: Ext80 | undefined; sig: Ext80 | undefined; exc: number } {
  const s = screen([a], ctl.masks);
  if (typeof s !== 'number') return { exp: s.r, sig: s.r, exc: s.exc };
  const k = kindOf(a);
  if (k === 'zero') {
    if (!(ctl.masks & ZE)) return { exp: undefined, sig: undefined, exc: s | ZE };
    return { exp: infinity80(true), sig: a, exc: s | ZE };
  }
  if (k === 'inf') return { exp: infinity80(false), sig: a, exc: s };
  const x = extExact(a);
  const E = exactExponent(x);
  const sig = toExt80(fit({ ...x, e: x.e - E }, F80, 64, 0, ctl.masks));
  const exp = E === 0 ? zero(false) : toExt80(fit({ neg: E < 0, m: BigInt(Math.abs(E)), e: 0 }, F80, 64, 0, ctl.masks));
  return { exp, sig, exc: s };
}

export interface Remainder {
  r: Ext80 | undefined;
  exc: number;
  /** Quotient bits Q2,Q1,Q0 → C0,C3,C1; C2 = incomplete reduction. -1: special operands, no quotient. */
  q: number;
  incomplete: boolean;
}


/** FPREM (truncating, nearest=false) and FPREM1 (IEEE, nearest=true). */
export function prem(a: Ext80, b: Ext80, nearest: boolean, ctl: Ctl): Remainder {
  const s = screen([a, b], ctl.masks);
  if (typeof s !== 'number') return { r: s.r, exc: s.exc, q: -1, incomplete: false };
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'inf' || kb === 'zero') {
    const o = invalid(ctl.masks);
    return { r: o.r, exc: (s & ~DE) | o.exc, q: -1, incomplete: false };
  }
  if (kb === 'inf' || ka === 'zero') return { r: a, exc: s, q: 0, incomplete: false };
  const xa = extExact(a);
  const xb = extExact(b);
  const d = exactExponent(xa) - exactExponent(xb);
  if (d >= 64) {
    // Partial remainder a - b * trunc(a / (b * 2^(d-N))) * 2^(d-N); the SDM allows any N in 32..63.
    // The host CPU (AMD EPYC) picks N so that d - N is a multiple of 32 (scripts/x87-oracle vectors).
    const sh = d - (32 + (d % 32));
    const e = Math.min(xa.e, xb.e + sh);
    const ma = xa.m << BigInt(xa.e - e);
    const mb = xb.m << BigInt(xb.e + sh - e);
    const r = ma % mb;
    return { r: fromExactQuiet({ neg: xa.neg, m: r, e }, xa.neg), exc: s, q: 0, incomplete: true };
  }
  const e = Math.min(xa.e, xb.e);
  const ma = xa.m << BigInt(xa.e - e);
  const mb = xb.m << BigInt(xb.e - e);
  let q = ma / mb;
  let r = ma - q * mb;
  let neg = xa.neg;
  if (nearest) {
    const twice = 2n * r;
    if (twice > mb || (twice === mb && (q & 1n) === 1n)) {
      q += 1n;
      r = mb - r;
      neg = !neg;
    }
  }
  return { r: fromExactQuiet({ neg, m: r, e }, xa.neg), exc: s, q: Number(q & 7n), incomplete: false };
}

function fromExactQuiet(x: Exact, zeroNeg: boolean): Ext80 {
  if (x.m === 0n) return zero(zeroNeg);
  return toExt80(fit(x, F80, 64, 0, 0x3f));
}
