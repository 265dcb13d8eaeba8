import { AML, AML_EXT, FIELD_ACCESS, FIELD_UPDATE, REGION_SPACE } from './opcodes.js';
import type { FieldAccess, FieldUpdate, RegionSpace } from './opcodes.js';
import { ByteSink } from './sink.js';
import { extOp, nameRef, nameString, op, pkgOp, raw } from './term.js';
import type { Aml, AmlArg } from './term.js';

/** Named objects and their scopes (ACPI 6.5 §19.6, §20.2.5). */

export function scope(path: string, ...body: AmlArg[]): Aml {
  return pkgOp(AML.ScopeOp, [nameRef(path)], body);
}

export function device(path: string, ...body: AmlArg[]): Aml {
  return pkgOp([AML.ExtOpPrefix, AML_EXT.DeviceOp], [nameRef(path)], body);
}

export function name(path: string, value: AmlArg): Aml {
  return op(AML.NameOp, nameRef(path), value);
}

export interface MethodOptions {
  readonly serialized?: boolean;
  readonly syncLevel?: number;
}

export function method(path: string, argCount: number, opts: MethodOptions, ...body: AmlArg[]): Aml {
  if (argCount < 0 || argCount > 7) throw new RangeError(`method ${path}: ${argCount} args`);
  const flags = argCount | (opts.serialized ? 0x08 : 0) | ((opts.syncLevel ?? 0) << 4);
  return pkgOp(AML.MethodOp, [nameRef(path), raw([flags])], body);
}

export function mutex(path: string, syncLevel = 0): Aml {
  return extOp(AML_EXT.MutexOp, nameRef(path), raw([syncLevel]));
}

export function opRegion(path: string, space: RegionSpace, offset: AmlArg, length: AmlArg): Aml {
  return extOp(AML_EXT.OpRegionOp, nameRef(path), raw([REGION_SPACE[space]]), offset, length);
}

/** A field list entry: a named unit of `bits`, or an unnamed gap, or an access change. */
export type FieldUnit =
  | { readonly name: string; readonly bits: number }
  | { readonly skip: number }
  | { readonly offset: number } // Offset(bytes), ASL-style: becomes a gap up to that byte
  | { readonly access: FieldAccess; readonly attrib?: number };

export interface FieldFlags {
  readonly access: FieldAccess;
  readonly lock?: boolean;
  readonly update?: FieldUpdate;
}

function fieldFlagByte(f: FieldFlags): number {
  return FIELD_ACCESS[f.access] | (f.lock ? 0x10 : 0) | (FIELD_UPDATE[f.update ?? 'Preserve'] << 5);
}

function fieldList(units: readonly FieldUnit[]): Aml {
  return {
    emit: (out) => {
      let bitPos = 0;
      for (const u of units) {
        if ('name' in u) {
          out.bytes(nameSegBytes(u.name)).bytes(fieldLen(u.bits));
          bitPos += u.bits;
        } else if ('skip' in u) {
          out.byte(0x00).bytes(fieldLen(u.skip));
          bitPos += u.skip;
        } else if ('offset' in u) {
          const gap = u.offset * 8 - bitPos;
          if (gap < 0) throw new Error(`Offset(${u.offset}) goes backwards`);
          if (gap > 0) out.byte(0x00).bytes(fieldLen(gap));
          bitPos = u.offset * 8;
        } else {
          out.byte(0x01).byte(FIELD_ACCESS[u.access]).byte(u.attrib ?? 0);
        }
      }
    },
  };
}

/** A field element length is a PkgLength that does not count itself. */
function fieldLen(bits: number): number[] {
  if (bits <= 0x3f) return [bits];
  for (let extra = 1; extra <= 3; extra++) {
    if (bits < 1 << (4 + 8 * extra)) {
      const out = [(extra << 6) | (bits & 0x0f)];
      for (let i = 0; i < extra; i++) out.push((bits >>> (4 + 8 * i)) & 0xff);
      return out;
    }
  }
  throw new RangeError(`field of ${bits} bits`);
}

function nameSegBytes(seg: string): number[] {
  if (!/^[A-Z_][A-Z0-9_]{0,3}$/.test(seg)) throw new Error(`bad field name '${seg}'`);
  return Array.from(seg.padEnd(4, '_'), (c) => c.charCodeAt(0));
}

export function field(region: string, flags: FieldFlags, ...units: FieldUnit[]): Aml {
  return pkgOp([AML.ExtOpPrefix, AML_EXT.FieldOp], [nameRef(region), raw([fieldFlagByte(flags)])], [fieldList(units)]);
}

export function indexField(index: string, data: string, flags: FieldFlags, ...units: FieldUnit[]): Aml {
  return pkgOp([AML.ExtOpPrefix, AML_EXT.IndexFieldOp], [nameRef(index), nameRef(data), raw([fieldFlagByte(flags)])],
    [fieldList(units)]);
}

/** Processor (deprecated in ACPI 6.4 but what QEMU 7.2 emits for CPUs). */
export function processor(path: string, procId: number, pblkAddress: number, pblkLength: number, ...body: AmlArg[]): Aml {
  const head: Aml = {
    emit: (out: ByteSink) => void out.bytes(nameString(path)).byte(procId).uint(pblkAddress, 4).byte(pblkLength),
  };
  return pkgOp([AML.ExtOpPrefix, AML_EXT.ProcessorOp], [head], body);
}

export function external(path: string, objectType: number, argCount = 0): Aml {
  return op(AML.ExternalOp, nameRef(path), raw([objectType, argCount]));
}

export function alias(source: string, aliasName: string): Aml {
  return op(AML.AliasOp, nameRef(source), nameRef(aliasName));
}

