/**
 * AML object model. Integers are plain `bigint` values (immutable); every other
 * object is a class instance tagged with `kind` (the ObjectType code of ACPI 6.5
 * §19.6.96 where one exists, internal codes from 20 up).
 */
import type { NsNode } from './namespace.js';

export const Kind = {
  Uninitialized: 0,
  Integer: 1,
  String: 2,
  Buffer: 3,
  Package: 4,
  FieldUnit: 5,
  Device: 6,
  Event: 7,
  Method: 8,
  Mutex: 9,
  OperationRegion: 10,
  PowerResource: 11,
  Processor: 12,
  ThermalZone: 13,
  BufferField: 14,
  DdbHandle: 15,
  Debug: 16,
  Reference: 20,
  NameRef: 21,
} as const;

export const RefType = { Node: 0, Local: 1, Arg: 2, Index: 3, Debug: 4 } as const;

/** The "uninitialized object" NT hands out for a method that returns nothing. */
export class AmlUninitialized {
  readonly kind = Kind.Uninitialized;
}
export const UNINITIALIZED = new AmlUninitialized();

export class AmlString {
  readonly kind = Kind.String;
  constructor(public value: string) {}
}

export class AmlBuffer {
  readonly kind = Kind.Buffer;
  constructor(public data: Uint8Array) {}
}

/** A named reference inside a package (NT keeps these as paths, resolved on access). */
export class AmlNameRef {
  readonly kind = Kind.NameRef;
  constructor(readonly path: string, readonly scope: NsNode) {}
}

export class AmlPackage {
  readonly kind = Kind.Package;
  constructor(public elements: Array<AmlValue | undefined>) {}
}

export class AmlDevice {
  readonly kind = Kind.Device;
}
export class AmlThermalZone {
  readonly kind = Kind.ThermalZone;
}
export class AmlProcessor {
  readonly kind = Kind.Processor;
  constructor(readonly procId: number, readonly pblkAddress: number, readonly pblkLength: number) {}
}
export class AmlPowerResource {
  readonly kind = Kind.PowerResource;
  constructor(readonly systemLevel: number, readonly resourceOrder: number) {}
}

export class AmlEvent {
  readonly kind = Kind.Event;
  count = 0;
}

export class AmlMutex {
  readonly kind = Kind.Mutex;
  owner: unknown = undefined;
  depth = 0;
  /** The thread's sync level before this mutex was acquired (restored on release). */
  prevLevel = 0;
  constructor(readonly syncLevel: number) {}
}

/** A native method (e.g. \_OSI): receives evaluated arguments. */
export type NativeMethod = (args: AmlValue[]) => AmlValue | undefined;

export class AmlMethod {
  readonly kind = Kind.Method;
  mutex: AmlMutex | undefined;
  constructor(
    readonly argCount: number,
    readonly serialized: boolean,
    readonly syncLevel: number,
    readonly code: Uint8Array,
    readonly start: number,
    readonly end: number,
    readonly tableId: number,
    readonly native?: NativeMethod,
  ) {
    this.mutex = serialized ? new AmlMutex(syncLevel) : undefined;
  }
}

export class AmlRegion {
  readonly kind = Kind.OperationRegion;
  regCalled = false;
  /** No valid address: operands failed at load (see `evaluated`) or the method that made it returned; accesses fail. */
  invalid = false;
  /** False when the address/length operands failed at load (ACPICA: "Address/Length not yet evaluated"). */
  evaluated = true;
  /** DataTableRegion: the table bytes. */
  tableData: Uint8Array | undefined;
  constructor(readonly space: number, readonly offset: bigint, readonly length: bigint, readonly node: NsNode) {}
}

export const FieldKind = { Region: 0, Index: 1, Bank: 2 } as const;

export class AmlFieldUnit {
  readonly kind = Kind.FieldUnit;
  constructor(
    readonly fieldKind: number,
    readonly bitOffset: number,
    readonly bitLength: number,
    /** Access width in bytes (AnyAcc and ByteAcc = 1; BufferAcc = 0). */
    readonly accessBytes: number,
    readonly flags: number,
    readonly region: AmlRegion | undefined,
    /** Index/Bank: the index (or bank) register and the data field. */
    readonly indexField: AmlFieldUnit | undefined,
    readonly dataField: AmlFieldUnit | undefined,
    readonly bankValue: bigint,
    readonly accessAttrib: number,
    readonly accessLength: number,
    readonly connection: AmlValue | undefined,
  ) {}
  /** The node that names this field (for traces); set when the Field term creates it. */
  node: NsNode | undefined;
}

export class AmlBufferField {
  readonly kind = Kind.BufferField;
  constructor(
    readonly buffer: AmlBuffer,
    readonly bitOffset: number,
    readonly bitLength: number,
    /** CreateField objects read as Buffer at any width (Windows). */
    readonly asBuffer = false,
  ) {}
}

export class AmlDdbHandle {
  readonly kind = Kind.DdbHandle;
  constructor(readonly tableId: number) {}
}

/** A reference: RefOf/Index/Local/Arg/named target, or the Debug object. */
export class AmlReference {
  readonly kind = Kind.Reference;
  constructor(
    readonly refType: number,
    /** Node (RefType.Node) */
    readonly node: NsNode | undefined,
    /** Local/Arg storage array (a frame's locals or args), or the Index container. */
    readonly container: unknown,
    readonly index: number,
    /** true when made by RefOf/CondRefOf (a real ObjectReference, not a bare target). */
    readonly explicit: boolean,
  ) {}
}

export type AmlObject =
  | AmlUninitialized
  | AmlString
  | AmlBuffer
  | AmlPackage
  | AmlNameRef
  | AmlDevice
  | AmlThermalZone
  | AmlProcessor
  | AmlPowerResource
  | AmlEvent
  | AmlMutex
  | AmlMethod
  | AmlRegion
  | AmlFieldUnit
  | AmlBufferField
  | AmlDdbHandle
  | AmlReference;

export type AmlValue = bigint | AmlObject;

export function kindOf(v: AmlValue | undefined): number {
  if (v === undefined) return Kind.Uninitialized;
  return typeof v === 'bigint' ? Kind.Integer : v.kind;
}

/** Type names as ACPICA prints them (AcpiUtGetTypeName), by Kind. */
export const TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Untyped',
  1: 'Integer',
  2: 'String',
  3: 'Buffer',
  4: 'Package',
  5: 'FieldUnit',
  6: 'Device',
  7: 'Event',
  8: 'Method',
  9: 'Mutex',
  10: 'Region',
  11: 'Power',
  12: 'Processor',
  13: 'Thermal',
  14: 'BufferField',
  15: 'DdbHandle',
  16: 'DebugObject',
  20: 'Reference',
  21: 'Reference',
};
