/** Store / CopyObject semantics and Index references, ACPI 6.5 §19.3.5.5-8. */
import type { AmlContext } from './frame.js';
import { AmlBuffer, AmlPackage, AmlReference, AmlString, Kind, RefType, TYPE_NAMES } from './types.js';
import type { AmlNameRef, AmlValue } from './types.js';
import { amlError } from './errors.js';
import { bytesToInt, copyValue, intToBytes, stringBytes, toBufferData, toInteger, toStringValue, bytesToString } from './convert.js';
import { parsePath } from './namespace.js';

/** Element an Index reference points at (package name references resolved lazily, as NT does). */
export function indexElement(it: AmlContext, r: AmlReference): AmlValue | undefined {
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

export function resolveNameRef(it: AmlContext, e: AmlNameRef): AmlValue {
  const n = it.ns.lookup(e.scope, parsePath(e.path));
  if (!n) throw amlError('NOT_FOUND', `${e.path} (package element) not found`);
  return new AmlReference(RefType.Node, n.resolve(), undefined, 0, true);
}

export function makeIndexRef(it: AmlContext, src: AmlValue, index: bigint): AmlReference {
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
  return new AmlReference(RefType.Index, undefined, src, Number(index), false);
}

function isRef(v: AmlValue | undefined): v is AmlReference {
  return v !== undefined && typeof v !== 'bigint' && v.kind === Kind.Reference;
}

/**
 * Store(value, target). `target` null = no target. Windows rules (as uACPI):
 * LocalX / package element holding a reference → store into the referenced object with
 * implicit cast; ArgX holding a reference → overwrite the referenced object; otherwise
 * LocalX/ArgX/element are overwritten; named objects always convert (storeToNode).
 */
export function store(it: AmlContext, v: AmlValue, target: AmlReference | null | undefined): void {
  if (!target) return;
  switch (target.refType) {
    case RefType.Debug:
      it.onDebug(v);
      return;
    case RefType.Local:
    case RefType.Arg: {
      const slots = target.container as Array<AmlValue | undefined>;
      const cur = slots[target.index];
      if (isRef(cur) && cur.explicit && !isRef(v) && cur.refType !== RefType.Debug) {
        if (target.refType === RefType.Arg) {
          if (!it.windows) return store(it, v, cur);
          return overwrite(it, bottom(it, cur), v);
        }
        if (it.windows) return castInto(it, bottom(it, cur), v);
      }
      slots[target.index] = copyValue(v);
      return;
    }
    case RefType.Node:
      return storeToNode(it, target, v);
    case RefType.Index:
      return storeIndex(it, target, v);
  }
}

/**
 * Store the result of a read-modify-write (Increment/Decrement) back to its operand. On NT a
 * LocalX/ArgX that holds a reference (RefOf or Index) designates what it refers to.
 */
export function storeBack(it: AmlContext, v: AmlValue, target: AmlReference): void {
  if (it.windows && (target.refType === RefType.Local || target.refType === RefType.Arg)) {
    const cur = (target.container as Array<AmlValue | undefined>)[target.index];
    if (isRef(cur) && cur.refType !== RefType.Debug) return store(it, v, bottom(it, cur));
  }
  store(it, v, target);
}

/** The last reference of a chain (its target is not a reference). */
function bottom(it: AmlContext, r: AmlReference): AmlReference {
  for (let i = 0; i < 64; i++) {
    const t = it.refTarget(r);
    if (!isRef(t) || t.refType === RefType.Debug) return r;
    r = t;
  }
  throw amlError('AML_CIRCULAR_REFERENCE', 'reference chain too long');
}

/** Replace the object a reference designates. */
function overwrite(it: AmlContext, r: AmlReference, v: AmlValue): void {
  switch (r.refType) {
    case RefType.Local:
    case RefType.Arg:
      (r.container as Array<AmlValue | undefined>)[r.index] = copyValue(v);
      return;
    case RefType.Node: {
      // A field unit is written through, not replaced (NT; uACPI's test of RefOf(FieldUnit) args).
      const node = r.node!.resolve();
      const cur = node.object;
      if (cur !== undefined && typeof cur !== 'bigint' && (cur.kind === Kind.FieldUnit || cur.kind === Kind.BufferField)) it.writeField(cur, derefIfRef(it, v));
      else node.object = copyValue(v);
      return;
    }
    case RefType.Index: {
      const c = r.container as AmlValue;
      if (typeof c !== 'bigint' && c.kind === Kind.Package) c.elements[r.index] = copyValue(v);
      else storeIndex(it, r, v);
      return;
    }
  }
}

/** NT implicit cast into the existing object: Integer/String/Buffer keep type and size. */
function castInto(it: AmlContext, r: AmlReference, v: AmlValue): void {
  if (r.refType === RefType.Node) return storeToNode(it, r, v);
  const cur = it.refTarget(r);
  if (cur === undefined) return overwrite(it, r, v);
  if (typeof cur === 'bigint') return overwrite(it, r, rawInteger(it, v));
  if (storeIntoExisting(it, cur, v)) return;
  switch (cur.kind) {
    case Kind.Uninitialized:
      overwrite(it, r, v);
      return;
    default:
      throw amlError('AML_OPERAND_TYPE', `invalid implicit cast into ${TYPE_NAMES[cur.kind]} through a reference`);
  }
}

/** NT integer from any data object: its raw bytes, little-endian, zero-extended. */
function rawInteger(it: AmlContext, v: AmlValue): bigint {
  const src = derefIfRef(it, v);
  if (typeof src === 'bigint') return src;
  if (src.kind === Kind.String) return it.trunc(bytesToInt(stringBytes(src.value, false), it.intBytes));
  return it.trunc(toInteger(it, src));
}

function storeIndex(it: AmlContext, r: AmlReference, v: AmlValue): void {
  const c = r.container as AmlValue;
  if (typeof c === 'bigint') return;
  switch (c.kind) {
    case Kind.Package: {
      const cur = c.elements[r.index];
      if (cur !== undefined && typeof cur !== 'bigint' && (cur.kind === Kind.FieldUnit || cur.kind === Kind.BufferField)) {
        it.writeField(cur, v);
        return;
      }
      if (it.windows && isRef(cur) && cur.explicit && !isRef(v)) return castInto(it, bottom(it, cur), v);
      c.elements[r.index] = copyValue(v);
      return;
    }
    case Kind.Buffer:
      c.data[r.index] = Number((it.windows ? rawInteger(it, v) : toInteger(it, v)) & 0xffn);
      return;
    case Kind.String: {
      const ch = String.fromCharCode(Number((it.windows ? rawInteger(it, v) : toInteger(it, v)) & 0xffn));
      c.value = c.value.slice(0, r.index) + ch + c.value.slice(r.index + 1);
      return;
    }
  }
}

function storeToNode(it: AmlContext, r: AmlReference, v: AmlValue): void {
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
    node.object = it.windows ? rawInteger(it, v) : it.trunc(toInteger(it, derefIfRef(it, v)));
    return;
  }
  if (cur === undefined) {
    node.object = copyValue(v);
    return;
  }
  if (storeIntoExisting(it, cur, v)) return;
  switch (cur.kind) {
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

/** Strings and Buffers keep their type and size, field units are written through: true when `cur` is one of them. */
function storeIntoExisting(it: AmlContext, cur: Exclude<AmlValue, bigint>, v: AmlValue): boolean {
  switch (cur.kind) {
    case Kind.String:
    case Kind.Buffer:
      storeIntoData(it, cur, v);
      return true;
    case Kind.FieldUnit:
    case Kind.BufferField:
      it.writeField(cur, derefIfRef(it, v));
      return true;
    default:
      return false;
  }
}

/** Store into an existing String/Buffer: NT copies raw bytes into the existing storage. */
function storeIntoData(it: AmlContext, cur: AmlString | AmlBuffer, v: AmlValue): void {
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

function derefIfRef(it: AmlContext, v: AmlValue): AmlValue {
  return isRef(v) ? it.derefValue(v) : v;
}

/** CopyObject: replace the target object, no conversion. */
export function copyObject(it: AmlContext, v: AmlValue, target: AmlReference | null | undefined): void {
  if (!target) return;
  switch (target.refType) {
    case RefType.Node:
      target.node!.resolve().object = copyValue(v);
      return;
    case RefType.Local:
    case RefType.Arg: {
      const slots = target.container as Array<AmlValue | undefined>;
      const cur = slots[target.index];
      if (it.windows && target.refType === RefType.Arg && isRef(cur) && cur.explicit && cur.refType !== RefType.Debug) return overwrite(it, bottom(it, cur), v);
      slots[target.index] = copyValue(v);
      return;
    }
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
