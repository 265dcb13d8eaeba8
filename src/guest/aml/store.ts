/** Store / CopyObject semantics and Index references, ACPI 6.5 §19.3.5.5-8. */
import { AmlBuffer, AmlPackage, AmlReference, AmlString, Kind, RefType, TYPE_NAMES } from './types.js';
import type { AmlNameRef, AmlValue } from './types.js';
import type { Interpreter } from './interpreter.js';
import { amlError } from './errors.js';
import { bytesToInt, copyValue, intToBytes, stringBytes, toBufferData, toInteger, toStringValue, bytesToString } from './convert.js';
import { parsePath } from './namespace.js';

/** Element an Index reference points at (package name references resolved lazily, as NT does). */
export function indexElement(it: Interpreter, r: AmlReference): AmlValue | undefined {
  const c = r.container as AmlValue;
  if (typeof c === 'bigint') return undefined;
  switch (c.kind) {
    case Kind.Package: {
      const e = c.elements[r.index];
      if (e !== undefined && typeof e !== 'bigint' && e.kind === Kind.NameRef) return resolveNameRef(it, e);
      return e;
    }
    case Kind.Buffer:
      return BigInt(c.data[r.index]!);
    case Kind.String:
      return BigInt(c.value.charCodeAt(r.index));
    default:
      return undefined;
  }
}

export function resolveNameRef(it: Interpreter, e: AmlNameRef): AmlValue {
  const n = it.ns.lookup(e.scope, parsePath(e.path));
  if (!n) throw amlError('NOT_FOUND', `${e.path} (package element) not found`);
  return new AmlReference(RefType.Node, n.resolve(), undefined, 0, true);
}

export function makeIndexRef(it: Interpreter, src: AmlValue, index: bigint): AmlReference {
  if (typeof src === 'bigint') throw amlError('AML_OPERAND_TYPE', 'Index source must be Package, Buffer or String');
  let len: number;
  switch (src.kind) {
    case Kind.Package:
      len = src.elements.length;
      if (index >= BigInt(len)) throw amlError('AML_PACKAGE_LIMIT', `index ${index} beyond package length ${len}`);
      break;
    case Kind.Buffer:
      len = src.data.length;
      if (index >= BigInt(len)) throw amlError('AML_BUFFER_LIMIT', `index ${index} beyond buffer length ${len}`);
      break;
    case Kind.String:
      len = src.value.length;
      if (index >= BigInt(len)) throw amlError('AML_STRING_LIMIT', `index ${index} beyond string length ${len}`);
      break;
    default:
      throw amlError('AML_OPERAND_TYPE', `Index source is ${TYPE_NAMES[src.kind]}`);
  }
  void it;
  return new AmlReference(RefType.Index, undefined, src, Number(index), true);
}

function isRef(v: AmlValue | undefined): v is AmlReference {
  return v !== undefined && typeof v !== 'bigint' && v.kind === Kind.Reference;
}

/** Store(value, target). `target` null = no target. */
export function store(it: Interpreter, v: AmlValue, target: AmlReference | null | undefined): void {
  if (!target) return;
  switch (target.refType) {
    case RefType.Debug:
      it.onDebug(v);
      return;
    case RefType.Local: {
      const slots = target.container as Array<AmlValue | undefined>;
      const cur = slots[target.index];
      if (it.windows && isRef(cur) && cur.explicit && cur.refType !== RefType.Index && !isRef(v)) return storeThrough(it, cur, v);
      slots[target.index] = copyValue(v);
      return;
    }
    case RefType.Arg: {
      const slots = target.container as Array<AmlValue | undefined>;
      const cur = slots[target.index];
      if (isRef(cur) && cur.explicit && !isRef(v)) return storeThrough(it, cur, v);
      slots[target.index] = copyValue(v);
      return;
    }
    case RefType.Node:
      return storeToNode(it, target, v);
    case RefType.Index:
      return storeIndex(it, target, v);
  }
}

function storeThrough(it: Interpreter, r: AmlReference, v: AmlValue): void {
  for (let i = 0; i < 64; i++) {
    if (r.refType === RefType.Local || r.refType === RefType.Arg) {
      const slots = r.container as Array<AmlValue | undefined>;
      const cur = slots[r.index];
      if (it.windows && isRef(cur) && cur.explicit && cur.refType !== RefType.Index) {
        r = cur;
        continue;
      }
      if (it.windows && cur !== undefined && typeof cur !== 'bigint' && (cur.kind === Kind.String || cur.kind === Kind.Buffer)) {
        storeIntoData(it, cur, v);
        return;
      }
      slots[r.index] = copyValue(v);
      return;
    }
    return store(it, v, r);
  }
}

function storeIndex(it: Interpreter, r: AmlReference, v: AmlValue): void {
  const c = r.container as AmlValue;
  if (typeof c === 'bigint') return;
  switch (c.kind) {
    case Kind.Package: {
      const cur = c.elements[r.index];
      if (cur !== undefined && typeof cur !== 'bigint' && (cur.kind === Kind.FieldUnit || cur.kind === Kind.BufferField)) {
        it.writeField(cur, v);
        return;
      }
      c.elements[r.index] = copyValue(v);
      return;
    }
    case Kind.Buffer:
      c.data[r.index] = Number(toInteger(it, v) & 0xffn);
      return;
    case Kind.String: {
      const ch = String.fromCharCode(Number(toInteger(it, v) & 0xffn));
      c.value = c.value.slice(0, r.index) + ch + c.value.slice(r.index + 1);
      return;
    }
  }
}

function storeToNode(it: Interpreter, r: AmlReference, v: AmlValue): void {
  const node = r.node!.resolve();
  const cur = node.object;
  if (isRef(v) && v.refType !== RefType.Debug && (cur === undefined || typeof cur === 'bigint' || cur.kind !== Kind.FieldUnit)) {
    // Storing a reference into a name: the name becomes the reference (ACPICA & NT).
  }
  // Switch temporaries (_T_x) and non-data values (DDBHandle...) replace the object.
  if (node.name.startsWith('_T_') || (typeof v !== 'bigint' && v.kind !== Kind.String && v.kind !== Kind.Buffer && v.kind !== Kind.Reference && v.kind !== Kind.FieldUnit && v.kind !== Kind.BufferField)) {
    if (cur === undefined || typeof cur === 'bigint' || cur.kind === Kind.String || cur.kind === Kind.Buffer || cur.kind === Kind.Package) {
      node.object = copyValue(v);
      return;
    }
  }
  if (typeof cur === 'bigint') {
    const src = derefIfRef(it, v);
    if (it.windows && typeof src !== 'bigint' && src.kind === Kind.String) node.object = it.trunc(bytesToInt(stringBytes(src.value, false), it.intBytes));
    else node.object = it.trunc(toInteger(it, src));
    return;
  }
  if (cur === undefined) {
    node.object = copyValue(v);
    return;
  }
  switch (cur.kind) {
    case Kind.String:
    case Kind.Buffer:
      storeIntoData(it, cur, v);
      return;
    case Kind.FieldUnit:
    case Kind.BufferField:
      it.writeField(cur, derefIfRef(it, v));
      return;
    case Kind.Device:
    case Kind.Processor:
    case Kind.ThermalZone:
    case Kind.PowerResource:
    case Kind.Mutex:
    case Kind.Event:
    case Kind.OperationRegion:
    case Kind.Method:
      throw amlError('AML_TARGET_TYPE', `cannot store into ${TYPE_NAMES[cur.kind]} ${node.path()}`);
    default:
      node.object = copyValue(v);
  }
}

/** Store into an existing String/Buffer: NT copies raw bytes into the existing storage. */
function storeIntoData(it: Interpreter, cur: AmlString | AmlBuffer, v: AmlValue): void {
  const src = derefIfRef(it, v);
  if (cur.kind === Kind.String) {
    if (it.windows && cur.value.length > 0) {
      const raw = typeof src === 'bigint' ? intToBytes(src, it.intBytes) : src.kind === Kind.String ? stringBytes(src.value, false) : toBufferData(it, src);
      cur.value = bytesToString(raw.subarray(0, cur.value.length));
    } else {
      cur.value = toStringValue(it, src);
    }
    return;
  }
  const raw = typeof src !== 'bigint' && src.kind === Kind.String ? stringBytes(src.value, false) : toBufferData(it, src);
  const out = new Uint8Array(cur.data.length);
  out.set(raw.subarray(0, out.length));
  cur.data = out;
}

function derefIfRef(it: Interpreter, v: AmlValue): AmlValue {
  return isRef(v) ? it.derefValue(v) : v;
}

/** CopyObject: replace the target object, no conversion. */
export function copyObject(it: Interpreter, v: AmlValue, target: AmlReference | null | undefined): void {
  if (!target) return;
  switch (target.refType) {
    case RefType.Node:
      target.node!.resolve().object = copyValue(v);
      return;
    case RefType.Local:
    case RefType.Arg:
      (target.container as Array<AmlValue | undefined>)[target.index] = copyValue(v);
      return;
    case RefType.Index: {
      const c = target.container as AmlValue;
      if (typeof c !== 'bigint' && c.kind === Kind.Package) {
        c.elements[target.index] = copyValue(v);
        return;
      }
      return storeIndex(it, target, v);
    }
    default:
      return store(it, v, target);
  }
}

export { AmlBuffer, AmlPackage };
