/** Namespace modifier and named-object opcodes, ACPI 6.5 §20.2.5.1-2. */
import {
  AmlBufferField, AmlDevice, AmlEvent, AmlFieldUnit, AmlMethod, AmlMutex, AmlPowerResource, AmlProcessor,
  AmlRegion, AmlThermalZone, FieldKind, Kind,
} from './types.js';
import type { AmlValue } from './types.js';
import type { NamePath, NsNode } from './namespace.js';
import { nameToString } from './namespace.js';
import { Block, BlockKind, PENDING } from './frame.js';
import type { AmlContext, Frame, OpCtx, OpResult } from './frame.js';
import { AmlError, amlError } from './errors.js';
import { copyValue, toInteger } from './convert.js';
import { isLeadNameChar, readByte, readNameSeg, readNameString, readPkgLength, readPkgValue } from '../../lib/aml-decode.js';
import { AML, DATA_TABLE_SPACE, FIELD_ACCESS_MASK, FIELD_ELEMENT } from '../../spec/aml.js';

export function createNode(it: AmlContext, f: Frame, p: NamePath): NsNode {
  return created(f, it.ns.create(f.scope, p, f.isTable ? f.tableId : -1));
}

/** createNode for one NameSeg in the current scope (a field unit's name). */
function createSeg(it: AmlContext, f: Frame, name: string): NsNode {
  return created(f, it.ns.createChild(f.scope.resolve(), name, f.isTable ? f.tableId : -1));
}

function created(f: Frame, node: NsNode): NsNode {
  if (!f.isTable) (f.created ??= []).push(node);
  else node.defOffset = f.stmt;
  return node;
}

function scopeBlock(f: Frame, c: OpCtx, node: NsNode): typeof PENDING {
  f.pushBlock(new Block(BlockKind.Scope, f.pc, c.end, node));
  return PENDING;
}

export function opName(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const node = createNode(it, f, c.args[0] as NamePath);
  node.object = c.fresh ? (c.args[1] as AmlValue) : copyValue(c.args[1] as AmlValue);
  return undefined;
}

export function opAlias(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const src = it.ns.lookup(f.scope, c.args[0] as NamePath);
  if (!src) throw amlError('NOT_FOUND', `alias source ${nameToString(c.args[0] as NamePath)} not found`);
  createNode(it, f, c.args[1] as NamePath).alias = src;
  return undefined;
}

export function opScope(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const p = c.args[1] as NamePath;
  const node = it.ns.lookup(f.scope, p);
  if (!node) {
    f.pc = c.end;
    throw amlError('NOT_FOUND', `Scope(${nameToString(p)}): target not found`);
  }
  return scopeBlock(f, c, node.resolve());
}

export function opMethod(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const flags = c.args[2] as number;
  const node = createNode(it, f, c.args[1] as NamePath);
  node.object = new AmlMethod(flags & 7, (flags & 8) !== 0, flags >> 4, f.code, f.pc, c.end, f.tableId);
  f.pc = c.end;
  return undefined;
}

export function opExternal(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const p = c.args[0] as NamePath;
  if (it.ns.lookup(f.scope, p)) return undefined;
  try {
    const node = it.ns.create(f.scope, p, f.tableId);
    node.externalType = c.args[1] as number;
    node.externalArgs = (c.args[2] as number) & 7;
  } catch (e) {
    // The parent scope is defined by a table not loaded (yet): nothing to declare.
    if (!(e instanceof AmlError)) throw e;
  }
  return undefined;
}

export function opDevice(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const node = createNode(it, f, c.args[1] as NamePath);
  node.object = new AmlDevice();
  return scopeBlock(f, c, node);
}

export function opProcessor(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const node = createNode(it, f, c.args[1] as NamePath);
  node.object = new AmlProcessor(c.args[2] as number, c.args[3] as number, c.args[4] as number);
  return scopeBlock(f, c, node);
}

export function opPowerResource(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const node = createNode(it, f, c.args[1] as NamePath);
  node.object = new AmlPowerResource(c.args[2] as number, c.args[3] as number);
  return scopeBlock(f, c, node);
}

export function opThermalZone(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const node = createNode(it, f, c.args[1] as NamePath);
  node.object = new AmlThermalZone();
  return scopeBlock(f, c, node);
}

export function opMutex(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  createNode(it, f, c.args[0] as NamePath).object = new AmlMutex((c.args[1] as number) & 15);
  return undefined;
}

export function opEvent(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  createNode(it, f, c.args[0] as NamePath).object = new AmlEvent();
  return undefined;
}

export function opRegion(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const node = createNode(it, f, c.args[0] as NamePath);
  const r = new AmlRegion(c.args[1] as number, toInteger(it, c.args[2] as AmlValue), toInteger(it, c.args[3] as AmlValue), node);
  node.object = r;
  it.hooks.onRegionCreated(r);
  return undefined;
}

export function opDataTableRegion(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const str = (i: number) => {
    const v = c.args[i] as AmlValue;
    return typeof v !== 'bigint' && v.kind === Kind.String ? v.value : '';
  };
  const data = it.hooks.findTable(str(1), str(2), str(3));
  if (!data) throw amlError('NOT_FOUND', `DataTableRegion: table ${str(1)} not found`);
  const node = createNode(it, f, c.args[0] as NamePath);
  const r = new AmlRegion(DATA_TABLE_SPACE, 0n, BigInt(data.length), node);
  r.tableData = data;
  node.object = r;
  return undefined;
}

function accessBytesOf(flags: number): number {
  switch (flags & 0x0f) {
    case 2: return 2;
    case 3: return 4;
    case 4: return 8;
    case 5: return 0;
    default: return 1;
  }
}

interface FieldTarget {
  kind: number;
  region: AmlRegion | undefined;
  index: AmlFieldUnit | undefined;
  data: AmlFieldUnit | undefined;
  bank: bigint;
}

function fieldUnitOf(it: AmlContext, f: Frame, p: NamePath, what: string): AmlFieldUnit {
  const n = it.ns.lookup(f.scope, p)?.resolve();
  const o = n?.object;
  if (!o || typeof o === 'bigint' || o.kind !== Kind.FieldUnit) throw amlError('NOT_FOUND', `${what} ${nameToString(p)} is not a field`);
  return o;
}

function regionOf(it: AmlContext, f: Frame, p: NamePath): AmlRegion {
  const n = it.ns.lookup(f.scope, p)?.resolve();
  const o = n?.object;
  if (!o || typeof o === 'bigint' || o.kind !== Kind.OperationRegion) throw amlError('NOT_FOUND', `region ${nameToString(p)} not found`);
  return o;
}

/** Parse a FieldList (§20.2.5.2) from f.pc to `end` and create the field units. */
function fieldList(it: AmlContext, f: Frame, end: number, flags: number, t: FieldTarget): void {
  const code = f.code;
  let bit = 0;
  let access = flags;
  let attrib = 0;
  let accessLength = 0;
  let connection: AmlValue | undefined;
  const c = { code, pc: f.pc, limit: end };
  while (c.pc < end) {
    const b = code[c.pc]!;
    if (b === FIELD_ELEMENT.ReservedField) {
      c.pc++;
      bit += readPkgValue(c);
    } else if (b === FIELD_ELEMENT.AccessField || b === FIELD_ELEMENT.ExtendedAccessField) {
      c.pc++;
      access = (flags & 0xf0) | (readByte(c) & FIELD_ACCESS_MASK);
      attrib = readByte(c);
      if (b === FIELD_ELEMENT.ExtendedAccessField) accessLength = readByte(c);
    } else if (b === FIELD_ELEMENT.ConnectField) {
      c.pc++;
      if (code[c.pc] === AML.BufferOp) {
        c.pc++;
        c.pc = readPkgLength(c);
      } else {
        const p = readNameString(c);
        connection = it.ns.lookup(f.scope, p)?.resolve().object;
      }
    } else if (isLeadNameChar(b)) {
      const at = c.pc;
      const name = readNameSeg(c);
      const bits = readPkgValue(c);
      const unit = new AmlFieldUnit(t.kind, bit, bits, accessBytesOf(access), access, t.region, t.index, t.data, t.bank, attrib, accessLength, connection);
      try {
        const node = createSeg(it, f, name);
        node.object = unit;
        unit.node = node;
        if (f.isTable) node.defOffset = at;
      } catch (e) {
        if (!(e instanceof AmlError)) throw e;
        it.loadErrors.push(e);
      }
      bit += bits;
    } else {
      throw amlError('AML_BAD_OPCODE', `bad field list element 0x${b.toString(16)}`);
    }
  }
  f.pc = c.pc;
}

export function opField(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  // ACPICA creates the field units even when the region's name does not resolve (their
  // accesses fail); the missing region is still reported.
  let missing: AmlError | undefined;
  let region: AmlRegion | undefined;
  try {
    region = regionOf(it, f, c.args[1] as NamePath);
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    missing = e;
  }
  fieldList(it, f, c.end, c.args[2] as number, { kind: FieldKind.Region, region, index: undefined, data: undefined, bank: 0n });
  f.pc = c.end;
  if (missing) throw missing;
  return undefined;
}

export function opIndexField(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const index = fieldUnitOf(it, f, c.args[1] as NamePath, 'index register');
  const data = fieldUnitOf(it, f, c.args[2] as NamePath, 'data register');
  fieldList(it, f, c.end, c.args[3] as number, { kind: FieldKind.Index, region: undefined, index, data, bank: 0n });
  f.pc = c.end;
  return undefined;
}

export function opBankField(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const region = regionOf(it, f, c.args[1] as NamePath);
  const bankReg = fieldUnitOf(it, f, c.args[2] as NamePath, 'bank register');
  const bank = toInteger(it, c.args[3] as AmlValue);
  fieldList(it, f, c.end, c.args[4] as number, { kind: FieldKind.Bank, region, index: bankReg, data: undefined, bank });
  f.pc = c.end;
  return undefined;
}

function createBufferField(it: AmlContext, f: Frame, src: AmlValue, bitOffset: number, bits: number, p: NamePath, asBuffer = false): OpResult {
  if (typeof src === 'bigint' || src.kind !== Kind.Buffer) throw amlError('AML_OPERAND_TYPE', 'buffer field source is not a Buffer');
  if (bits === 0) throw amlError('AML_OPERAND_VALUE', 'buffer field of zero bits');
  if (bitOffset + bits > src.data.length * 8) {
    throw amlError('AML_BUFFER_LIMIT', `field ${nameToString(p)} (bits ${bitOffset}+${bits}) beyond buffer of ${src.data.length} bytes`);
  }
  createNode(it, f, p).object = new AmlBufferField(src, bitOffset, bits, asBuffer);
  return undefined;
}

export function createFixedField(bits: number, byteIndexed: boolean) {
  return (it: AmlContext, c: OpCtx, f: Frame): OpResult => {
    const idx = Number(toInteger(it, c.args[1] as AmlValue));
    return createBufferField(it, f, c.args[0] as AmlValue, byteIndexed ? idx * 8 : idx, bits, c.args[2] as NamePath);
  };
}

export function opCreateField(it: AmlContext, c: OpCtx, f: Frame): OpResult {
  const bit = Number(toInteger(it, c.args[1] as AmlValue));
  const bits = Number(toInteger(it, c.args[2] as AmlValue));
  return createBufferField(it, f, c.args[0] as AmlValue, bit, bits, c.args[3] as NamePath, it.windows);
}
