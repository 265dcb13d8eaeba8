import {
  type Exact, type Ext80, EXT_BIAS, RC_CHOP, RC_DOWN, RC_NEAREST, RC_UP, bitLength, encodeExact, exactExponent,
  extExp, extMant, extSign, mk, roundExact,
} from './ext80.js';

/** The x87's exception flags (FSW bits 0-5) and stack fault (SDM vol. 1 §8.1.3). */
export const IE = 0x01;
export const DE = 0x02;
export const ZE = 0x04;
export const OE = 0x08;
export const UE = 0x10;
export const PE = 0x20;
export const SF = 0x40;

/** A binary floating-point format: significand bits (with the integer bit) and normal exponent range. */
export interface Format {
  readonly bits: number;
  readonly emin: number;
  readonly emax: number;
  /** Exponent bias adjustment of an unmasked overflow/underflow result (SDM vol. 1 §4.9.1.4). */
  readonly adjust: number;
}
export const F32: Format = { bits: 24, emin: -126, emax: 127, adjust: 192 };
export const F64: Format = { bits: 53, emin: -1022, emax: 1023, adjust: 1536 };
export const F80: Format = { bits: 64, emin: -16382, emax: 16383, adjust: 24576 };

export interface Fitted {
  /** The rounded value; `inf` when a masked overflow delivered an infinity. */
  readonly r: Exact;
  readonly inf: boolean;
  readonly exc: number;
  readonly up: boolean;
  /** An unmasked overflow/underflow: `r` carries the bias-adjusted exponent. */
  readonly adjusted: boolean;
}

/**
 * Rounds an exact finite result into `fmt` with `bits` of precision (precision control) under
 * rounding control `rc`, with the masked and unmasked overflow/underflow responses of SDM vol. 1
 * §4.9.1.4-5 (tininess detected before rounding). `masks` is FCW bits 0-5.
 */
export function fit(x: Exact, fmt: Format, bits: number, rc: number, masks: number): Fitted {
  if (x.m === 0n) return { r: x, inf: false, exc: 0, up: false, adjusted: false };
  const tiny = exactExponent(x) < fmt.emin;
  if (tiny && !(masks & UE)) {
    const r = roundExact(x, bits, -1e9, rc);
    return { r: { ...r, e: r.e + fmt.adjust }, inf: false, exc: UE | (r.inexact ? PE : 0), up: r.up, adjusted: true };
  }
  const r = roundExact(x, bits, fmt.emin - (bits - 1), rc);
  if (r.m !== 0n && exactExponent(r) > fmt.emax) {
    if (!(masks & OE)) {
      return { r: { ...r, e: r.e - fmt.adjust }, inf: false, exc: OE | (r.inexact ? PE : 0), up: r.up, adjusted: true };
    }
    const toInf = rc === RC_NEAREST || (rc === RC_UP && !x.neg) || (rc === RC_DOWN && x.neg);
    const max: Exact = { neg: x.neg, m: (1n << BigInt(bits)) - 1n, e: fmt.emax - bits + 1 };
    return { r: max, inf: toInf, exc: OE | PE, up: toInf, adjusted: false };
  }
  let exc = r.inexact ? PE : 0;
  if (tiny && r.inexact) exc |= UE;
  return { r, inf: false, exc, up: r.up, adjusted: false };
}

export function infinity80(neg: boolean): Ext80 {
  return mk(neg ? 1 : 0, 0x7fff, 1n << 63n);
}

/** Encodes a rounded value of F80 (denormals get exponent field 0; adjusted exponents wrap to 15 bits). */
export function toExt80(f: Fitted): Ext80 {
  const { r } = f;
  if (f.inf) return infinity80(r.neg);
  if (r.m === 0n) return mk(r.neg ? 1 : 0, 0, 0n);
  const E = exactExponent(r);
  if (!f.adjusted && E < F80.emin) return mk(r.neg ? 1 : 0, 0, r.m << BigInt(r.e + 16445));
  const enc = encodeExact(r);
  return { se: (enc.se & 0x8000) | ((EXT_BIAS + E) & 0x7fff), hi: enc.hi, lo: enc.lo };
}

/** IEEE single/double encoding of a fitted value: [bits] for F32, [hi, lo] for F64. */
export function toBinary(f: Fitted, fmt: Format): bigint {
  const expBits = fmt === F32 ? 8 : 11;
  const fracBits = fmt.bits - 1;
  const bias = fmt.emax;
  const sign = f.r.neg ? 1n << BigInt(expBits + fracBits) : 0n;
  const expMax = (1n << BigInt(expBits)) - 1n;
  if (f.inf) return sign | (expMax << BigInt(fracBits));
  const { r } = f;
  if (r.m === 0n) return sign;
  const E = exactExponent(r);
  if (E < fmt.emin) return sign | (r.m << BigInt(r.e - (fmt.emin - fracBits)));
  const M = r.m << BigInt(r.e - (E - fracBits));
  return sign | (BigInt(E + bias) << BigInt(fracBits)) | (M & ((1n << BigInt(fracBits)) - 1n));
}

export interface Decoded {
  readonly x: Ext80;
  readonly denormal: boolean;
  readonly snan: boolean;
}

/** Exact extended encoding of an IEEE single/double (NaN payloads keep their bits; SNaNs stay signalling). */
export function fromBinary(bits: bigint, fmt: Format): Decoded {
  const expBits = fmt === F32 ? 8 : 11;
  const fracBits = fmt.bits - 1;
  const bias = fmt.emax;
  const neg = (bits >> BigInt(expBits + fracBits)) & 1n;
  const exp = Number((bits >> BigInt(fracBits)) & ((1n << BigInt(expBits)) - 1n));
  const frac = bits & ((1n << BigInt(fracBits)) - 1n);
  const sign = Number(neg);
  if (exp === (1 << expBits) - 1) {
    const x = mk(sign, 0x7fff, (1n << 63n) | (frac << BigInt(63 - fracBits)));
    const snan = frac !== 0n && (frac >> BigInt(fracBits - 1)) === 0n;
    return { x, denormal: false, snan };
  }
  if (exp === 0) {
    if (frac === 0n) return { x: mk(sign, 0, 0n), denormal: false, snan: false };
    return { x: encodeExact({ neg: sign === 1, m: frac, e: fmt.emin - fracBits }), denormal: true, snan: false };
  }
  const m = frac | (1n << BigInt(fracBits));
  return { x: encodeExact({ neg: sign === 1, m, e: exp - bias - fracBits }), denormal: false, snan: false };
}

/** An extended NaN's payload in a narrower format (SDM vol. 1 §4.8.3.7: the low fraction bits are dropped). */
export function nanToBinary(x: Ext80, fmt: Format): bigint {
  const expBits = fmt === F32 ? 8 : 11;
  const fracBits = fmt.bits - 1;
  const frac = (extMant(x) >> BigInt(63 - fracBits)) & ((1n << BigInt(fracBits)) - 1n);
  const sign = BigInt(extSign(x)) << BigInt(expBits + fracBits);
  return sign | (((1n << BigInt(expBits)) - 1n) << BigInt(fracBits)) | frac;
}

