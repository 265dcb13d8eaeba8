import {
  type Ext80, INDEFINITE, encodeInteger, extExact, extIsSNaN, extQuiet, mk, roundExact, roundToInteger,
  encodeExact,
} from './ext80.js';
import { type Ctl, kindOf } from './arith.js';
import { type FpuMemory, readExt, writeExt } from './env.js';
import { DE, F32, F64, IE, PE, fit, fromBinary, nanToBinary, toBinary } from './formats.js';

export type OperandKind = 'f32' | 'f64' | 'f80' | 'i16' | 'i32' | 'i64' | 'bcd';

/** A memory operand converted (exactly) to extended format; SNaNs stay signalling for the instruction to judge. */
export interface Operand {
  readonly kind: OperandKind;
  readonly x: Ext80;
  /** DE when the source was a single/double denormal. */
  readonly exc: number;
  readonly snan: boolean;
}

function read64(mem: FpuMemory, lin: number): bigint {
  const lo = BigInt(mem.read32(lin) >>> 0);
  const hi = BigInt(mem.read32(lin + 4) >>> 0);
  return (hi << 32n) | lo;
}

export function loadOperand(mem: FpuMemory, lin: number, kind: OperandKind): Operand {
  switch (kind) {
    case 'f32':
    case 'f64': {
      const d = fromBinary(kind === 'f32' ? BigInt(mem.read32(lin) >>> 0) : read64(mem, lin), kind === 'f32' ? F32 : F64);
      return { kind, x: d.x, exc: d.denormal ? DE : 0, snan: d.snan };
    }
    case 'f80': return { kind, x: readExt(mem, lin), exc: 0, snan: false };
    case 'i16': return int(kind, BigInt.asIntN(16, BigInt(mem.read16(lin))));
    case 'i32': return int(kind, BigInt.asIntN(32, BigInt(mem.read32(lin) >>> 0)));
    case 'i64': return int(kind, BigInt.asIntN(64, read64(mem, lin)));
    case 'bcd': {
      const bytes: number[] = [];
      for (let k = 0; k < 10; k++) bytes.push(mem.read8(lin + k));
      let n = 0n;
      for (let k = 8; k >= 0; k--) n = n * 100n + BigInt((bytes[k]! >> 4) * 10 + (bytes[k]! & 15));
      const neg = (bytes[9]! & 0x80) !== 0;
      if (n === 0n) return { kind, x: mk(neg ? 1 : 0, 0, 0n), exc: 0, snan: false };
      return int(kind, neg ? -n : n);
    }
  }
}

function int(kind: OperandKind, n: bigint): Operand {
  return { kind, x: encodeInteger(n), exc: 0, snan: false };
}

export interface Stored {
  readonly exc: number;
  readonly up: boolean;
  write(mem: FpuMemory, lin: number): void;
}

const INT_BITS: Partial<Record<OperandKind, number>> = { i16: 16, i32: 32, i64: 64 };

function writeBytes(mem: FpuMemory, lin: number, v: bigint, size: number): void {
  for (let k = 0; k < size; k += 4) {
    const word = Number((v >> BigInt(8 * k)) & 0xffffffffn);
    if (size - k >= 4) mem.write32(lin + k, word);
    else mem.write16(lin + k, word & 0xffff);
  }
}

function stored(v: bigint, size: number, exc = 0, up = false): Stored {
  return { exc, up, write: (mem, lin) => writeBytes(mem, lin, v, size) };
}

/** Converts ST(0) for FST/FIST/FISTTP/FBSTP; `indefinite` stores the masked stack-underflow response. */
export function storeOperand(x: Ext80, kind: OperandKind, ctl: Ctl, indefinite: boolean): Stored {
  if (kind === 'f80') return { exc: 0, up: false, write: (mem, lin) => writeExt(mem, lin, x) };
  if (kind === 'f32' || kind === 'f64') {
    const fmt = kind === 'f32' ? F32 : F64;
    const size = kind === 'f32' ? 4 : 8;
    const k = kindOf(x);
    if (indefinite || k === 'unsupported') return stored(nanToBinary(INDEFINITE, fmt), size, indefinite ? 0 : IE);
    if (k === 'nan') return stored(nanToBinary(extQuiet(x), fmt), size, extIsSNaN(x) ? IE : 0);
    if (k === 'inf' || k === 'zero') {
      const bits = k === 'inf' ? nanToBinary({ se: x.se, hi: 0x80000000, lo: 0 }, fmt) : 0n;
      return stored(bits | (x.se & 0x8000 ? 1n << BigInt(8 * size - 1) : 0n), size);
    }
    const f = fit(extExact(x), fmt, fmt.bits, ctl.rc, ctl.masks);
    return stored(toBinary(f, fmt), size, f.exc, f.up);
  }
  if (kind === 'bcd') {
    const bcdIndefinite = 0xffffc000000000000000n;
    const k = kindOf(x);
    if (indefinite) return stored(bcdIndefinite, 10);
    if (k !== 'finite' && k !== 'zero') return stored(bcdIndefinite, 10, IE);
    const r = k === 'zero' ? { n: 0n, inexact: false, up: false } : roundToInteger(extExact(x), ctl.rc);
    const mag = r.n < 0n ? -r.n : r.n;
    if (mag >= 10n ** 18n) return stored(bcdIndefinite, 10, IE);
    let v = 0n;
    let t = mag;
    for (let d = 0; d < 18; d++) { v |= (t % 10n) << BigInt(4 * d); t /= 10n; }
    if (x.se & 0x8000) v |= 1n << 79n;
    return stored(v, 10, r.inexact ? PE : 0, r.up);
  }
  const bits = INT_BITS[kind]!;
  const size = bits / 8;
  const indef = 1n << BigInt(bits - 1);
  const k = kindOf(x);
  if (indefinite) return stored(indef, size);
  if (k !== 'finite' && k !== 'zero') return stored(indef, size, IE);
  if (k === 'zero') return stored(0n, size);
  const r = roundToInteger(extExact(x), ctl.rc);
  if (r.n >= indef || r.n < -indef) return stored(indef, size, IE);
  return stored(BigInt.asUintN(bits, r.n), size, r.inexact ? PE : 0, r.up);
}

/**
 * FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ (D9 E8-EE). The irrational constants are kept to
 * 96 bits and rounded to 64 under RC, as the x87 has done since the 487 (SDM vol. 1 §8.3.8).
 */
const CONSTANTS: readonly (readonly [bigint, number] | undefined)[] = [
  [1n, 0],
  [0xd49a784bcd1b8afe492bf6ffn, 1 - 95], // log2(10)
  [0xb8aa3b295c17f0bbbe87fed0n, 0 - 95], // log2(e)
  [0xc90fdaa22168c234c4c6628bn, 1 - 95], // pi
  [0x9a209a84fbcff7988f8959acn, -2 - 95], // log10(2)
  [0xb17217f7d1cf79abc9e3b398n, -1 - 95], // ln(2)
  undefined,
];

export function loadConstant(index: number, rc: number): Ext80 {
  const c = CONSTANTS[index];
  if (!c) return mk(0, 0, 0n);
  const r = roundExact({ neg: false, m: c[0], e: c[1] }, 64, -1e9, rc);
  return encodeExact(r);
}

