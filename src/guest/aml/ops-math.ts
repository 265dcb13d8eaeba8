/** Integer arithmetic, bitwise and logical opcodes, ACPI 6.5 §19.6. */
import type { AmlReference, AmlValue } from './types.js';
import type { AmlContext, Frame, OpCtx, OpResult } from './frame.js';
import { amlError } from './errors.js';
import { fieldValue, toBufferData, toInteger, toStringValue } from './convert.js';
import { store, storeBack } from './store.js';

type Bin = (a: bigint, b: bigint, it: AmlContext) => bigint;

function binary(fn: Bin) {
  return (it: AmlContext, c: OpCtx): OpResult => {
    const a = c.args[0];
    const b = c.args[1];
    const r = fn(typeof a === 'bigint' ? a : toInteger(it, a as AmlValue), typeof b === 'bigint' ? b : toInteger(it, b as AmlValue), it) & it.ones;
    const t = c.args[2] as AmlReference | null;
    if (t) store(it, r, t);
    return r;
  };
}

export const opAdd = binary((a, b) => a + b);
export const opSubtract = binary((a, b) => a - b);
export const opMultiply = binary((a, b) => a * b);
export const opAnd = binary((a, b) => a & b);
export const opOr = binary((a, b) => a | b);
export const opXor = binary((a, b) => a ^ b);
export const opNand = binary((a, b, it) => ~(a & b) & it.ones);
export const opNor = binary((a, b, it) => ~(a | b) & it.ones);
export const opShiftLeft = binary((a, b, it) => (b >= BigInt(it.intBytes * 8) ? 0n : a << b));
export const opShiftRight = binary((a, b, it) => (b >= BigInt(it.intBytes * 8) ? 0n : a >> b));
export const opMod = binary((a, b) => {
  if (b === 0n) throw amlError('AML_DIVIDE_BY_ZERO', 'Mod by zero');
  return a % b;
});

export function opDivide(it: AmlContext, c: OpCtx): OpResult {
  const a = toInteger(it, c.args[0] as AmlValue);
  const b = toInteger(it, c.args[1] as AmlValue);
  if (b === 0n) throw amlError('AML_DIVIDE_BY_ZERO', 'Divide by zero');
  const q = a / b;
  const r = a % b;
  store(it, r, c.args[2] as AmlReference | null);
  store(it, q, c.args[3] as AmlReference | null);
  return q;
}

export function opNot(it: AmlContext, c: OpCtx): OpResult {
  const r = ~toInteger(it, c.args[0] as AmlValue) & it.ones;
  store(it, r, c.args[1] as AmlReference | null);
  return r;
}

export function opFindSetLeftBit(it: AmlContext, c: OpCtx): OpResult {
  const v = toInteger(it, c.args[0] as AmlValue);
  const r = v === 0n ? 0n : BigInt(v.toString(2).length);
  store(it, r, c.args[1] as AmlReference | null);
  return r;
}

export function opFindSetRightBit(it: AmlContext, c: OpCtx): OpResult {
  let v = toInteger(it, c.args[0] as AmlValue);
  let r = 0n;
  if (v !== 0n) {
    r = 1n;
    while ((v & 1n) === 0n) {
      v >>= 1n;
      r++;
    }
  }
  store(it, r, c.args[1] as AmlReference | null);
  return r;
}

function incdec(delta: bigint) {
  return (it: AmlContext, c: OpCtx): OpResult => {
    const ref = c.args[0] as AmlReference;
    const r = (toInteger(it, it.derefValue(ref)) + delta) & it.ones;
    storeBack(it, r, ref);
    return r;
  };
}
export const opIncrement = incdec(1n);
export const opDecrement = incdec(-1n);

export function opLAnd(it: AmlContext, c: OpCtx): OpResult {
  return toInteger(it, c.args[0] as AmlValue) !== 0n && toInteger(it, c.args[1] as AmlValue) !== 0n ? it.ones : 0n;
}
export function opLOr(it: AmlContext, c: OpCtx): OpResult {
  return toInteger(it, c.args[0] as AmlValue) !== 0n || toInteger(it, c.args[1] as AmlValue) !== 0n ? it.ones : 0n;
}
export function opLNot(it: AmlContext, c: OpCtx): OpResult {
  return toInteger(it, c.args[0] as AmlValue) === 0n ? it.ones : 0n;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** -1/0/1 comparing a and b by the type of a (§19.6.69 LEqual etc.). */
export function compareValues(it: AmlContext, av: AmlValue, bv: AmlValue): number {
  const a = fieldValue(it, av);
  if (typeof a === 'bigint') {
    const b = toInteger(it, bv);
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (a.kind === 2) {
    const s = a.value;
    const t = toStringValue(it, fieldValue(it, bv));
    return s === t ? 0 : s < t ? -1 : 1;
  }
  if (a.kind === 3) return compareBytes(a.data, toBufferData(it, fieldValue(it, bv)));
  throw amlError('AML_OPERAND_TYPE', 'logical comparison of a non-data object');
}

function cmp(pred: (r: number) => boolean) {
  return (it: AmlContext, c: OpCtx): OpResult => {
    const a = c.args[0];
    const b = c.args[1];
    if (typeof a === 'bigint' && typeof b === 'bigint') return pred(a === b ? 0 : a < b ? -1 : 1) ? it.ones : 0n;
    return pred(compareValues(it, a as AmlValue, b as AmlValue)) ? it.ones : 0n;
  };
}
export const opLEqual = cmp((r) => r === 0);
export const opLGreater = cmp((r) => r > 0);
export const opLLess = cmp((r) => r < 0);

export type { Frame };
