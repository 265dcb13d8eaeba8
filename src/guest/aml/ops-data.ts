/** Data objects, references, conversions and string/buffer opcodes, ACPI 6.5 §19.6. */
import { AmlBuffer, AmlPackage, AmlReference, AmlString, Kind, RefType } from './types.js';
import type { AmlValue } from './types.js';
import type { AmlContext, Frame, OpCtx, OpResult } from './frame.js';
import { AmlError, amlError } from './errors.js';
import {
  bufferToHexList, bytesToInt, bytesToString, copyValue, explicitStringToInt, fieldValue, intToBytes, ntStringToInt, objectTypeString,
  stringBytes, toBufferData, toInteger, toStringValue,
} from './convert.js';
import { copyObject, makeIndexRef, store } from './store.js';
import { compareValues } from './ops-math.js';
import { parsePath } from './namespace.js';
import { allocationSize, MAX_PACKAGE_ELEMENTS } from './limits.js';

type Target = AmlReference | null;

function result(it: AmlContext, v: AmlValue, t: unknown): AmlValue {
  if (t) store(it, v, t as Target);
  return v;
}

export function opBuffer(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const size = allocationSize(toInteger(it, c.args[1] as AmlValue), 'Buffer');
  const init = f.code.subarray(f.pc, c.end);
  const data = new Uint8Array(Math.max(size, init.length));
  data.set(init);
  f.pc = c.end;
  return new AmlBuffer(data);
}

/** Package / VarPackage: args = [end, count, ...elements]. */
export function opPackage(it: AmlContext, c: OpCtx): OpResult {
  const count = allocationSize(typeof c.args[1] === 'number' ? c.args[1] : toInteger(it, c.args[1] as AmlValue), 'Package', MAX_PACKAGE_ELEMENTS);
  const elems = c.args.slice(2) as Array<AmlValue | undefined>;
  const n = Math.max(count, elems.length);
  const out: Array<AmlValue | undefined> = new Array(n);
  for (let i = 0; i < n; i++) out[i] = elems[i];
  return new AmlPackage(out);
}

export function opStore(it: AmlContext, c: OpCtx): OpResult {
  const v = c.args[0] as AmlValue;
  store(it, v, c.args[1] as Target);
  return v;
}

export function opCopyObject(it: AmlContext, c: OpCtx): OpResult {
  const v = c.args[0] as AmlValue;
  copyObject(it, v, c.args[1] as Target);
  return v;
}

function explicitRef(r: AmlReference): AmlReference {
  return r.explicit ? r : new AmlReference(r.refType, r.node, r.container, r.index, true);
}

export function opRefOf(_it: AmlContext, c: OpCtx): OpResult {
  return explicitRef(c.args[0] as AmlReference);
}

export function opCondRefOf(it: AmlContext, c: OpCtx): OpResult {
  const r = c.args[0] as AmlReference | undefined;
  if (!r) return 0n;
  if (r.refType === RefType.Local || r.refType === RefType.Arg) {
    if ((r.container as unknown[])[r.index] === undefined) return 0n;
  }
  store(it, explicitRef(r), c.args[1] as Target);
  return it.ones;
}

export function opDerefOf(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  let v = c.args[0] as AmlValue;
  if (typeof v !== 'bigint' && v.kind === Kind.String) {
    const n = it.ns.lookup(f.scope, parsePath(v.value));
    if (!n) throw amlError('NOT_FOUND', `DerefOf: ${v.value} not found`);
    v = new AmlReference(RefType.Node, n.resolve(), undefined, 0, true);
  }
  if (typeof v === 'bigint' || v.kind !== Kind.Reference) {
    if (it.windows && !c.wantRef) return fieldValue(it, v);
    throw amlError('AML_OPERAND_TYPE', 'DerefOf of a non-reference');
  }
  if (c.wantRef) return v;
  if (!it.windows) {
    const t = it.refTarget(v);
    if (t === undefined) throw amlError('AML_UNINITIALIZED_ELEMENT', 'DerefOf an uninitialized element');
    return fieldValue(it, t);
  }
  return it.derefValue(v);
}

export function opIndex(it: AmlContext, c: OpCtx): OpResult {
  const ref = makeIndexRef(it, c.args[0] as AmlValue, toInteger(it, c.args[1] as AmlValue));
  return result(it, ref, c.args[2]);
}

/** Object a SuperName designates, following NT reference chains in Locals/Args. */
function designated(it: AmlContext, r: AmlReference): AmlValue | undefined {
  let v: AmlValue | undefined = it.refTarget(r);
  for (let i = 0; i < 64 && v !== undefined && typeof v !== 'bigint' && v.kind === Kind.Reference && (v.explicit || v.refType === RefType.Index); i++) {
    if (v.refType === RefType.Debug) break;
    v = it.refTarget(v);
  }
  return v;
}

export function opSizeOf(it: AmlContext, c: OpCtx): OpResult {
  const v = fieldValue(it, designated(it, c.args[0] as AmlReference) ?? 0n);
  if (typeof v !== 'bigint') {
    if (v.kind === Kind.String) return BigInt(v.value.length);
    if (v.kind === Kind.Buffer) return BigInt(v.data.length);
    if (v.kind === Kind.Package) return BigInt(v.elements.length);
  } else {
    // Outside the spec's String/Buffer/Package, but QEMU's NVDIMM _LSI relies on it:
    // ACPICA answers the integer width in bytes (8, or 4 for a revision-1 DSDT).
    return BigInt(it.intBytes);
  }
  throw amlError('AML_OPERAND_TYPE', 'SizeOf needs a String, Buffer or Package');
}

export function opObjectType(it: AmlContext, c: OpCtx): OpResult {
  const r = c.args[0] as AmlReference;
  if (r.refType === RefType.Debug) return 16n;
  const v = designated(it, r);
  if (v === undefined) return 0n;
  if (typeof v === 'bigint') return 1n;
  if (v.kind === Kind.Reference || v.kind === Kind.NameRef) return 0n;
  return BigInt(v.kind);
}

export function opConcatenate(it: AmlContext, c: OpCtx): OpResult {
  const a = fieldValue(it, c.args[0] as AmlValue);
  const b = fieldValue(it, c.args[1] as AmlValue);
  let r: AmlValue;
  const isData = (v: AmlValue) => typeof v === 'bigint' || v.kind === Kind.String || v.kind === Kind.Buffer;
  if (typeof a === 'bigint') {
    const out = new Uint8Array(2 * it.intBytes);
    out.set(intToBytes(a, it.intBytes));
    out.set(intToBytes(toInteger(it, b), it.intBytes), it.intBytes);
    r = new AmlBuffer(out);
  } else if (a.kind === Kind.Buffer) {
    const bd = isData(b) ? toBufferData(it, b) : stringBytes(objectTypeString(b), false);
    const out = new Uint8Array(allocationSize(a.data.length + bd.length, 'Concatenate result'));
    out.set(a.data);
    out.set(bd, a.data.length);
    r = new AmlBuffer(out);
  } else {
    const as = a.kind === Kind.String ? a.value : objectTypeString(a);
    // NT (uACPI indices-1): an Integer joins a String as lower-case hex without leading zeros.
    const bs = typeof b === 'bigint' && it.windows ? b.toString(16) : isData(b) ? toStringValue(it, b) : objectTypeString(b);
    allocationSize(as.length + bs.length, 'Concatenate result');
    r = new AmlString(as + bs);
  }
  return result(it, r, c.args[2]);
}

export function opConcatRes(it: AmlContext, c: OpCtx): OpResult {
  const strip = (d: Uint8Array) => (d.length >= 2 && d[d.length - 2] === 0x79 ? d.subarray(0, d.length - 2) : d);
  const a = strip(toBufferData(it, c.args[0] as AmlValue));
  const b = strip(toBufferData(it, c.args[1] as AmlValue));
  const out = new Uint8Array(allocationSize(a.length + b.length + 2, 'ConcatenateResTemplate result'));
  out.set(a);
  out.set(b, a.length);
  out[out.length - 2] = 0x79;
  out[out.length - 1] = 0;
  return result(it, new AmlBuffer(out), c.args[2]);
}

export function opMid(it: AmlContext, c: OpCtx): OpResult {
  const src = fieldValue(it, c.args[0] as AmlValue);
  const idx = toInteger(it, c.args[1] as AmlValue);
  const len = toInteger(it, c.args[2] as AmlValue);
  let r: AmlValue;
  if (typeof src !== 'bigint' && src.kind === Kind.String) {
    const s = src.value;
    r = new AmlString(idx >= BigInt(s.length) ? '' : s.slice(Number(idx), Number(idx) + Number(len > BigInt(s.length) ? BigInt(s.length) : len)));
  } else {
    const d = toBufferData(it, src);
    r = new AmlBuffer(idx >= BigInt(d.length) ? new Uint8Array(0) : d.slice(Number(idx), Number(idx) + Number(len > BigInt(d.length) ? BigInt(d.length) : len)));
  }
  return result(it, r, c.args[3]);
}

function matchOne(it: AmlContext, e: AmlValue, op: number, obj: AmlValue): boolean {
  if (op === 0) return true;
  let r: number;
  try {
    r = compareValues(it, e, obj);
  } catch (err) {
    // Operands that cannot be compared do not match (§19.6.84).
    if (!(err instanceof AmlError)) throw err;
    return false;
  }
  switch (op) {
    case 1: return r === 0;
    case 2: return r <= 0;
    case 3: return r < 0;
    case 4: return r >= 0;
    case 5: return r > 0;
    default: return false;
  }
}

export function opMatch(it: AmlContext, c: OpCtx): OpResult {
  const pkg = c.args[0] as AmlValue;
  if (typeof pkg === 'bigint' || pkg.kind !== Kind.Package) throw amlError('AML_OPERAND_TYPE', 'Match needs a Package');
  const op1 = c.args[1] as number;
  const o1 = c.args[2] as AmlValue;
  const op2 = c.args[3] as number;
  const o2 = c.args[4] as AmlValue;
  const start = toInteger(it, c.args[5] as AmlValue);
  if (op1 > 5 || op2 > 5) throw amlError('AML_OPERAND_VALUE', 'bad Match operator');
  if (start >= BigInt(pkg.elements.length)) throw amlError('AML_PACKAGE_LIMIT', 'Match start index beyond the package');
  for (let i = Number(start); i < pkg.elements.length; i++) {
    const e = pkg.elements[i];
    if (e === undefined) continue;
    if (typeof e !== 'bigint' && e.kind !== Kind.String && e.kind !== Kind.Buffer) continue;
    if (matchOne(it, e, op1, o1) && matchOne(it, e, op2, o2)) return BigInt(i);
  }
  return it.ones;
}

export function opToBuffer(it: AmlContext, c: OpCtx): OpResult {
  const v = fieldValue(it, c.args[0] as AmlValue);
  let d: Uint8Array;
  if (typeof v !== 'bigint' && v.kind === Kind.String) d = stringBytes(v.value, true);
  else d = toBufferData(it, v).slice();
  return result(it, new AmlBuffer(d), c.args[1]);
}

export function opToHexString(it: AmlContext, c: OpCtx): OpResult {
  const v = fieldValue(it, c.args[0] as AmlValue);
  let s: string;
  if (typeof v === 'bigint') s = it.windows ? '0x' + v.toString(16).toUpperCase() : v.toString(16).toUpperCase().padStart(it.intBytes * 2, '0');
  else if (v.kind === Kind.String) s = v.value;
  else s = bufferToHexList(toBufferData(it, v), ',');
  return result(it, new AmlString(s), c.args[1]);
}

export function opToDecimalString(it: AmlContext, c: OpCtx): OpResult {
  const v = fieldValue(it, c.args[0] as AmlValue);
  let s: string;
  if (typeof v === 'bigint') s = v.toString(10);
  else if (v.kind === Kind.String) s = v.value;
  else s = Array.from(toBufferData(it, v), (b) => b.toString(10)).join(',');
  return result(it, new AmlString(s), c.args[1]);
}

export function opToInteger(it: AmlContext, c: OpCtx): OpResult {
  const v = fieldValue(it, c.args[0] as AmlValue);
  let r: bigint;
  if (typeof v === 'bigint') r = v;
  else if (v.kind === Kind.String) r = it.windows ? ntStringToInt(v.value, it.ones) : explicitStringToInt(v.value, it.ones);
  else if (v.kind === Kind.Buffer) r = bytesToInt(v.data, 8) & it.ones;
  else r = toInteger(it, v);
  return result(it, r, c.args[1]);
}

export function opToString(it: AmlContext, c: OpCtx): OpResult {
  const d = toBufferData(it, fieldValue(it, c.args[0] as AmlValue));
  const len = toInteger(it, c.args[1] as AmlValue);
  const max = len === it.ones ? d.length : Math.min(d.length, Number(len));
  return result(it, new AmlString(bytesToString(d, max)), c.args[2]);
}

export function opToBCD(it: AmlContext, c: OpCtx): OpResult {
  let v = toInteger(it, c.args[0] as AmlValue);
  let r = 0n;
  let sh = 0n;
  while (v > 0n) {
    r |= (v % 10n) << sh;
    v /= 10n;
    sh += 4n;
  }
  return result(it, r & it.ones, c.args[1]);
}

export function opFromBCD(it: AmlContext, c: OpCtx): OpResult {
  let v = toInteger(it, c.args[0] as AmlValue);
  let r = 0n;
  let m = 1n;
  while (v > 0n) {
    r += (v & 0xfn) * m;
    v >>= 4n;
    m *= 10n;
  }
  return result(it, r & it.ones, c.args[1]);
}

export function opTimer(it: AmlContext): OpResult {
  return BigInt(Math.floor(it.clock.now() / 100)) & it.ones;
}

export { copyValue };
