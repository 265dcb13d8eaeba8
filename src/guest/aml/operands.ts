/**
 * Operand decoding for the engine: names in TermArg position (values, fields, method calls),
 * SuperNames/Targets, package elements, reference targets, and the structural skip used to
 * recover from errors during table loads.
 */
import { nameToString } from './namespace.js';
import type { NamePath, NsNode } from './namespace.js';
import { AmlError, amlError } from './errors.js';
import { AmlNameRef, AmlReference, AmlString, Kind, RefType } from './types.js';
import type { AmlValue } from './types.js';
import type { AmlCursor } from '../../lib/aml-decode.js';
import { AmlDecodeError, isNameStart, need, readByte, readCString, readDWord, readNameString, readPkgLength as readPkgLengthAt, readQWord, readWord } from '../../lib/aml-decode.js';
import { O, OpCtx, PENDING } from './frame.js';
import type { AmlContext, Frame, OpSpec } from './frame.js';
import { CALL_SPECS, EXT_OPS, OPS } from './opcodes.js';
import { indexElement } from './store.js';
import { declaredMethods, forwardArgCount } from './forward-methods.js';

export const DEBUG_REF = new AmlReference(RefType.Debug, undefined, undefined, 0, false);

function notFound(p: NamePath): AmlError {
  const e = amlError('NOT_FOUND', `${nameToString(p)} not found`);
  e.unresolvedName = true;
  return e;
}

export function nameTerm(it: AmlContext, f: Frame): AmlValue | typeof PENDING {
  const start = f.pc;
  const p = readNameString(f);
  const found = it.ns.lookup(f.scope, p);
  if (!found) throw notFound(p);
  const node = found.resolve();
  const obj = node.object;
  if (obj === undefined) {
    if (node.externalType >= 0) throw notFound(p);
    return new AmlReference(RefType.Node, node, undefined, 0, false);
  }
  if (typeof obj === 'bigint') return obj;
  switch (obj.kind) {
    case Kind.Method: {
      if (obj.argCount === 0) {
        if (obj.native) return obj.native([]) ?? 0n;
        it.enter(node, obj, []);
        return PENDING;
      }
      const ctx = new OpCtx(CALL_SPECS[obj.argCount]!, start);
      ctx.node = node;
      f.ops.push(ctx);
      return PENDING;
    }
    case Kind.FieldUnit:
    case Kind.BufferField:
      return it.readField(obj);
    case Kind.String:
    case Kind.Buffer:
    case Kind.Package:
    case Kind.Reference:
      return obj;
    default:
      return new AmlReference(RefType.Node, node, undefined, 0, false);
  }
}

/** One package element: names become references resolved on access (NT). */
export function element(it: AmlContext, f: Frame): AmlValue | typeof PENDING {
  const b = f.code[f.pc]!;
  if (isNameStart(b)) {
    const p = readNameString(f);
    if (it.windows) return new AmlNameRef(nameToString(p), f.scope);
    const n = it.ns.lookup(f.scope, p);
    if (!n) return new AmlString(nameToString(p));
    return new AmlReference(RefType.Node, n.resolve(), undefined, 0, true);
  }
  return it.termArg(f);
}


/** Resolve a SuperName/Target at f.pc to a reference (null = no target). */
export function superName(it: AmlContext, f: Frame, kind: number): AmlReference | null | undefined | typeof PENDING {
  const code = f.code;
  const pc = f.pc;
  need(f, 1, 'SuperName');
  const b = code[pc]!;
  if (b >= 0x60 && b <= 0x6e) {
    f.pc = pc + 1;
    const refs = (f.targets ??= []);
    return (refs[b - 0x60] ??= b < 0x68
      ? new AmlReference(RefType.Local, undefined, f.locals, b - 0x60, false)
      : new AmlReference(RefType.Arg, undefined, f.args, b - 0x68, false));
  }
  if (b === 0x00) {
    // NullName is a Target only; where a SuperName must name an object it is the constant Zero.
    if (kind !== O.R) throw amlError('AML_OPERAND_TYPE', 'NullName where a SuperName is required');
    f.pc = pc + 1;
    return null;
  }
  if (b === 0x5b && code[pc + 1] === 0x31) {
    f.pc = pc + 2;
    return DEBUG_REF;
  }
  if (isNameStart(b)) {
    const p = readNameString(f);
    const node = it.ns.lookup(f.scope, p);
    if (!node || (node.object === undefined && node.externalType >= 0)) {
      if (kind === O.C) return undefined;
      throw notFound(p);
    }
    return new AmlReference(RefType.Node, node.resolve(), undefined, 0, false);
  }
  const v = it.termArg(f);
  if (v === PENDING) {
    const top = f.ops[f.ops.length - 1];
    if (top && top.start === pc) top.wantRef = true;
    return PENDING;
  }
  if (typeof v !== 'bigint' && v.kind === Kind.Reference) return v;
  throw amlError('AML_OPERAND_TYPE', 'target is not a SuperName');
}

/** The object a reference points at (one level; Arg/Local contents followed for NT chains). */
export function refTarget(it: AmlContext, r: AmlReference): AmlValue | undefined {
  switch (r.refType) {
    case RefType.Node:
      return r.node!.resolve().object;
    case RefType.Local:
    case RefType.Arg:
      return (r.container as Array<AmlValue | undefined>)[r.index];
    case RefType.Index:
      return indexElement(it, r);
    default:
      return undefined;
  }
}

/** The value behind a reference, reading fields and following reference chains. */
export function derefValue(it: AmlContext, r: AmlReference): AmlValue {
  let v: AmlValue | undefined = r;
  for (let i = 0; i < 64 && v !== undefined && typeof v !== 'bigint' && v.kind === Kind.Reference; i++) {
    if (v.refType === RefType.Debug) return v;
    const t: AmlValue | undefined = refTarget(it, v);
    if (t === undefined && v.refType === RefType.Node) return v;
    v = t;
  }
  if (v === undefined) throw amlError('AML_UNINITIALIZED_ELEMENT', 'reference to an uninitialized object');
  // Still a reference after 64 hops: a reference that (through others) refers to itself.
  if (typeof v !== 'bigint' && v.kind === Kind.Reference) throw amlError('AML_CIRCULAR_REFERENCE', 'reference chain of more than 64 references');
  if (typeof v !== 'bigint' && (v.kind === Kind.FieldUnit || v.kind === Kind.BufferField)) return it.readField(v);
  return v;
}

/**
 * Arg count of the method a name refers to (for skipping code that is not executed); `forward`
 * gives the table's declared methods, asked only for a name not in the namespace.
 */
export function argCountOf(it: AmlContext, scope: NsNode, p: NamePath, forward?: () => Map<string, number>): number {
  const n = it.ns.lookup(scope, p)?.resolve();
  if (!n) return (forward && forwardArgCount(forward(), scope, p)) ?? 0;
  if (n.object !== undefined && typeof n.object !== 'bigint' && n.object.kind === Kind.Method) return n.object.argCount;
  return n.externalType === Kind.Method ? n.externalArgs : 0;
}

/** Nesting of the structural skip (recursive): far beyond real tables, well within the JS stack. */
const MAX_SKIP_DEPTH = 1000;

/** Byte offset after the term at `pc` (structural parse, nothing executed, no read past `limit`). */
export function skipTerm(it: AmlContext, code: Uint8Array, pc: number, scope: NsNode, prescan = true, limit = code.length): number {
  // The table's method declarations are scanned (once per table) when a skipped name first needs them.
  const forward = prescan ? () => declaredMethods(code, (at) => skipTerm(it, code, at, it.ns.root, false)) : undefined;
  const c = { code, pc, limit };
  skipOne(it, c, scope, forward, 1);
  return c.pc;
}

/** One term at c.pc, `depth` terms deep (recursive: a method call's arguments, an operator's operands). */
function skipOne(it: AmlContext, c: AmlCursor, scope: NsNode, forward: (() => Map<string, number>) | undefined, depth: number): void {
  if (depth > MAX_SKIP_DEPTH) throw amlError('AML_BAD_OPCODE', `terms nested deeper than ${MAX_SKIP_DEPTH}`);
  const b = readByte(c);
  if (b === 0x00 || b === 0x01 || b === 0xff || (b >= 0x60 && b <= 0x6e)) return;
  if (b === 0x0a) { readByte(c); return; }
  if (b === 0x0b) { readWord(c); return; }
  if (b === 0x0c) { readDWord(c); return; }
  if (b === 0x0e) { readQWord(c); return; }
  if (b === 0x0d) { readCString(c); return; }
  if (isNameStart(b)) {
    c.pc--;
    const p = readNameString(c);
    const n = argCountOf(it, scope, p, forward);
    for (let i = 0; i < n; i++) skipOne(it, c, scope, forward, depth + 1);
    return;
  }
  let spec: OpSpec | undefined = OPS[b];
  if (b === 0x5b) {
    const e = readByte(c);
    if (e === 0x30 || e === 0x31) return;
    spec = EXT_OPS[e];
  }
  if (!spec) throw amlError('AML_BAD_OPCODE', `unknown opcode 0x${b.toString(16)}`);
  for (const k of spec.operands) {
    switch (k) {
      case O.P: c.pc = readPkgLengthAt(c); return;
      case O.B: readByte(c); break;
      case O.W: readWord(c); break;
      case O.D: readDWord(c); break;
      case O.N: readNameString(c); break;
      default: skipOne(it, c, scope, forward, depth + 1);
    }
  }
}

/** A term in a SuperName/Target position (a method call, DerefOf...) must yield a reference. */
export function checkSuperName(p: OpCtx, v: unknown): unknown {
  const k = p.spec.operands[p.i];
  if ((k === O.S || k === O.R || k === O.C) && (typeof v !== 'object' || v === null || (v as { kind?: unknown }).kind !== Kind.Reference)) {
    throw amlError('AML_OPERAND_TYPE', `operand ${p.i + 1} of ${p.spec.name} is not a SuperName`);
  }
  return v;
}

/** Truncated or malformed encoding: the ACPICA status for it, at the offending byte. */
export function decodeError(e: AmlDecodeError): AmlError {
  const err = amlError(e.badName ? 'AML_BAD_NAME' : 'AML_BAD_OPCODE', e.detail);
  err.offset = e.offset;
  return err;
}
