/** Control flow, synchronization, Notify, timing and table opcodes, ACPI 6.5 §19.6. */
import { AmlDdbHandle, AmlReference, Kind, RefType } from './types.js';
import type { AmlEvent, AmlMutex, AmlValue } from './types.js';
import { Block, BlockKind, OpCtx, PENDING } from './frame.js';
import type { AmlContext, Frame, OpResult } from './frame.js';
import { AmlError, amlError } from './errors.js';
import { readPkgLength } from '../../lib/aml-decode.js';
import { toBufferData, toInteger, toStringValue } from './convert.js';
import { store } from './store.js';
import type { NamePath } from './namespace.js';
import { nameToString } from './namespace.js';
import { allocationSize } from './limits.js';

export function opIf(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  if (toInteger(it, c.args[1] as AmlValue) !== 0n) {
    f.pushBlock(new Block(BlockKind.If, f.pc, c.end, f.scope));
    return PENDING;
  }
  f.pc = c.end;
  const outer = f.blocks[f.blocks.length - 1]!;
  if (f.pc < outer.end && f.code[f.pc] === 0xa1) {
    f.pc++;
    const end = readPkgLength(f);
    f.pushBlock(new Block(BlockKind.Else, f.pc, end, f.scope));
  }
  return PENDING;
}

export function opElse(_it: AmlContext, c: OpCtx, f: Frame): OpResult {
  f.pc = c.end;
  return PENDING;
}

export function opWhile(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const b = new Block(BlockKind.While, f.pc, c.end, f.scope);
  b.started = it.clock.now();
  b.spentAtStart = it.loopSpentNs;
  f.pushBlock(b);
  f.ops.push(new OpCtx(WHILE_PRED_SPEC, f.pc));
  return PENDING;
}

function whilePred(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const v = c.args[0];
  if ((typeof v === 'bigint' ? v : toInteger(it, v as AmlValue)) !== 0n) return PENDING;
  const b = f.popBlock();
  f.pc = b.end;
  return PENDING;
}

export const WHILE_PRED_SPEC = { name: 'While', code: 0xa2, operands: [1], run: whilePred };

function toWhile(f: Frame): Block {
  for (;;) {
    const b = f.blocks[f.blocks.length - 1]!;
    if (b.kind === BlockKind.While) return b;
    if (b.kind === BlockKind.Method || b.kind === BlockKind.Table) throw amlError('AML_NO_WHILE', 'Break/Continue outside a While');
    f.popBlock();
  }
}

export function opBreak(_it: AmlContext, _c: OpCtx, f: Frame): OpResult {
  const b = toWhile(f);
  f.popBlock();
  f.pc = b.end;
  return PENDING;
}

export function opContinue(it: AmlContext, _c: OpCtx, f: Frame): OpResult {
  const b = toWhile(f);
  f.pc = b.start;
  it.loopCheck(b);
  f.ops.push(new OpCtx(WHILE_PRED_SPEC, b.start));
  return PENDING;
}

export function opReturn(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  it.finishFrame(f, c.args[0] as AmlValue);
  return PENDING;
}

export function opNoop(): OpResult {
  return PENDING;
}

export function opNotify(it: AmlContext, c: OpCtx): OpResult {
  const r = c.args[0] as AmlReference;
  const node = r.refType === RefType.Node ? r.node! : undefined;
  const k = node?.object !== undefined && typeof node.object !== 'bigint' ? node.object.kind : -1;
  if (!node || (k !== Kind.Device && k !== Kind.Processor && k !== Kind.ThermalZone && node.parent !== undefined && !node.scope)) {
    throw amlError('AML_OPERAND_TYPE', 'Notify target must be a Device, Processor or ThermalZone');
  }
  const value = Number(toInteger(it, c.args[1] as AmlValue) & 0xffn);
  it.tracer?.notify?.(node, value);
  it.notifyQueue.push({ node, value });
  return PENDING;
}

export function opSleep(it: AmlContext, c: OpCtx): OpResult {
  it.clock.delay(Number(toInteger(it, c.args[0] as AmlValue)) * 1e6);
  return PENDING;
}

export function opStall(it: AmlContext, c: OpCtx): OpResult {
  it.clock.delay(Number(toInteger(it, c.args[0] as AmlValue)) * 1e3);
  return PENDING;
}

function objectOf<T>(r: AmlReference, kind: number, what: string): T {
  const o = r.refType === RefType.Node ? r.node!.resolve().object : undefined;
  if (o === undefined || typeof o === 'bigint' || o.kind !== kind) throw amlError('AML_OPERAND_TYPE', `${what} operand is not a ${what === 'Acquire' || what === 'Release' ? 'Mutex' : 'Event'}`);
  return o as T;
}

export function opAcquire(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const m = objectOf<AmlMutex>(c.args[0] as AmlReference, Kind.Mutex, 'Acquire');
  if (m.owner === it) {
    m.depth++;
    return 0n;
  }
  if (m.owner !== undefined) {
    it.clock.delay(Math.min(c.args[1] as number, 0xfffe) * 1e6);
    return it.ones;
  }
  if (m.syncLevel < it.syncLevel) throw amlError('AML_MUTEX_ORDER', `Acquire of SyncLevel ${m.syncLevel} mutex while at level ${it.syncLevel}`);
  m.owner = it;
  m.depth = 1;
  m.prevLevel = it.syncLevel;
  it.syncLevel = m.syncLevel;
  (f.mutexes ??= []).push(m);
  return 0n;
}

export function opRelease(it: AmlContext, c: OpCtx): OpResult {
  const m = objectOf<AmlMutex>(c.args[0] as AmlReference, Kind.Mutex, 'Release');
  if (m.owner !== it) throw amlError('AML_MUTEX_NOT_ACQUIRED', 'Release of a mutex not acquired');
  if (--m.depth === 0) {
    m.owner = undefined;
    for (const fr of it.frames) {
      const i = fr.mutexes?.indexOf(m) ?? -1;
      if (i >= 0) fr.mutexes!.splice(i, 1);
    }
    it.syncLevel = m.prevLevel;
  }
  return PENDING;
}

export function opSignal(_it: AmlContext, c: OpCtx): OpResult {
  objectOf<AmlEvent>(c.args[0] as AmlReference, Kind.Event, 'Signal').count++;
  return PENDING;
}

export function opReset(_it: AmlContext, c: OpCtx): OpResult {
  objectOf<AmlEvent>(c.args[0] as AmlReference, Kind.Event, 'Reset').count = 0;
  return PENDING;
}

export function opWait(it: AmlContext, c: OpCtx): OpResult {
  const e = objectOf<AmlEvent>(c.args[0] as AmlReference, Kind.Event, 'Wait');
  if (e.count > 0) {
    e.count--;
    return 0n;
  }
  const ms = toInteger(it, c.args[1] as AmlValue);
  it.clock.delay(Number(ms >= 0xffffn ? 0n : ms) * 1e6);
  return it.ones;
}

export function opFatal(it: AmlContext, c: OpCtx): OpResult {
  it.onFatal(c.args[0] as number, c.args[1] as number, toInteger(it, c.args[2] as AmlValue));
  return PENDING;
}

function loadFrom(it: AmlContext, v: AmlValue | undefined): Uint8Array {
  if (v !== undefined && typeof v !== 'bigint' && v.kind === Kind.OperationRegion) {
    const len = allocationSize(it.spaces.read(v, 4, 4), 'Load table');
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) out[i] = Number(it.spaces.read(v, i, 1));
    return out;
  }
  if (v !== undefined && typeof v !== 'bigint' && v.kind === Kind.FieldUnit) return toBufferData(it, it.readField(v));
  return toBufferData(it, v);
}

export function opLoad(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const p = c.args[0] as NamePath;
  const node = it.ns.lookup(f.scope, p);
  if (!node) throw amlError('NOT_FOUND', `Load: ${nameToString(p)} not found`);
  let ok = true;
  let handle: AmlValue = 0n;
  try {
    handle = new AmlDdbHandle(it.hooks.loadTable(loadFrom(it, node.resolve().object)));
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    ok = false;
  }
  store(it, ok ? handle : 0n, c.args[1] as AmlReference | null);
  return ok ? it.ones : 0n;
}

export function opLoadTable(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const s = (i: number) => toStringValue(it, c.args[i] as AmlValue);
  const data = it.hooks.findTable(s(0), s(1), s(2));
  if (!data) return 0n;
  // RootPath: where the table's names go (relative to the current scope); ParameterPath: relative to it.
  const rootPath = s(3);
  const root = rootPath ? it.ns.lookupPath(rootPath, f.scope)?.resolve() : it.ns.root;
  if (!root) throw amlError('NOT_FOUND', `LoadTable: root path ${rootPath} not found`);
  try {
    it.hooks.loadTable(data, root);
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    return 0n;
  }
  const paramPath = s(4);
  if (paramPath) {
    const n = it.ns.lookupPath(paramPath, root);
    if (n) store(it, c.args[5] as AmlValue, new AmlReference(RefType.Node, n, undefined, 0, false));
  }
  return it.ones;
}

export function opUnload(it: AmlContext, c: OpCtx): OpResult {
  const h = it.derefValue(c.args[0] as AmlReference);
  if (typeof h === 'bigint' || h.kind !== Kind.DdbHandle) throw amlError('AML_OPERAND_TYPE', 'Unload needs a DDBHandle');
  it.hooks.unloadTable(h.tableId);
  return PENDING;
}
