/**
 * AML encoding constants (ACPI 6.5 §20): opcode values, opcode names and operand shapes, region
 * spaces and field flags. One table for the encoder (src/machine/acpi/aml), the interpreter
 * (src/guest/aml) and the disassembler (src/tools/acpi/aml). Two-byte opcodes are listed
 * without their 0x5B ExtOpPrefix. Names are the ASL keywords as iasl prints them.
 */

/** One-byte opcodes, prefixes and name characters (§20.3). */
export const AML = {
  ZeroOp: 0x00, OneOp: 0x01, AliasOp: 0x06, NameOp: 0x08,
  BytePrefix: 0x0a, WordPrefix: 0x0b, DWordPrefix: 0x0c, StringPrefix: 0x0d, QWordPrefix: 0x0e,
  ScopeOp: 0x10, BufferOp: 0x11, PackageOp: 0x12, VarPackageOp: 0x13, MethodOp: 0x14, ExternalOp: 0x15,
  DualNamePrefix: 0x2e, MultiNamePrefix: 0x2f, ExtOpPrefix: 0x5b, RootChar: 0x5c, ParentPrefixChar: 0x5e,
  Local0Op: 0x60, Local7Op: 0x67, Arg0Op: 0x68, Arg6Op: 0x6e,
  StoreOp: 0x70, RefOfOp: 0x71, AddOp: 0x72, ConcatOp: 0x73, SubtractOp: 0x74, IncrementOp: 0x75,
  DecrementOp: 0x76, MultiplyOp: 0x77, DivideOp: 0x78, ShiftLeftOp: 0x79, ShiftRightOp: 0x7a, AndOp: 0x7b,
  NandOp: 0x7c, OrOp: 0x7d, NorOp: 0x7e, XorOp: 0x7f, NotOp: 0x80, FindSetLeftBitOp: 0x81,
  FindSetRightBitOp: 0x82, DerefOfOp: 0x83, ConcatResOp: 0x84, ModOp: 0x85, NotifyOp: 0x86, SizeOfOp: 0x87,
  IndexOp: 0x88, MatchOp: 0x89, CreateDWordFieldOp: 0x8a, CreateWordFieldOp: 0x8b, CreateByteFieldOp: 0x8c,
  CreateBitFieldOp: 0x8d, ObjectTypeOp: 0x8e, CreateQWordFieldOp: 0x8f,
  LandOp: 0x90, LorOp: 0x91, LnotOp: 0x92, LEqualOp: 0x93, LGreaterOp: 0x94, LLessOp: 0x95,
  ToBufferOp: 0x96, ToDecimalStringOp: 0x97, ToHexStringOp: 0x98, ToIntegerOp: 0x99, ToStringOp: 0x9c,
  CopyObjectOp: 0x9d, MidOp: 0x9e, ContinueOp: 0x9f,
  IfOp: 0xa0, ElseOp: 0xa1, WhileOp: 0xa2, NoopOp: 0xa3, ReturnOp: 0xa4, BreakOp: 0xa5, BreakPointOp: 0xcc,
  OnesOp: 0xff,
} as const;

/** Opcodes after the ExtOpPrefix 0x5B (§20.3). */
export const AML_EXT = {
  MutexOp: 0x01, EventOp: 0x02, CondRefOfOp: 0x12, CreateFieldOp: 0x13, LoadTableOp: 0x1f, LoadOp: 0x20,
  StallOp: 0x21, SleepOp: 0x22, AcquireOp: 0x23, SignalOp: 0x24, WaitOp: 0x25, ResetOp: 0x26, ReleaseOp: 0x27,
  FromBCDOp: 0x28, ToBCDOp: 0x29, UnloadOp: 0x2a, RevisionOp: 0x30, DebugOp: 0x31, FatalOp: 0x32, TimerOp: 0x33,
  OpRegionOp: 0x80, FieldOp: 0x81, DeviceOp: 0x82, ProcessorOp: 0x83, PowerResOp: 0x84, ThermalZoneOp: 0x85,
  IndexFieldOp: 0x86, BankFieldOp: 0x87, DataRegionOp: 0x88,
} as const;

/**
 * Operand shapes of the opcode grammar (§20.2.5), one letter per operand in encoding order:
 * p PkgLength, n NameString, b ByteData, w WordData, d DWordData, t TermArg, s SuperName,
 * r Target (SuperName or NullName), c SuperName that need not exist (CondRefOf),
 * e package elements (DataRefObject or NameString) up to the PkgLength end. A shape that starts
 * with p and has no e encloses a TermList (or a Buffer's bytes / a FieldList) up to its end.
 */
export interface AmlOpInfo {
  readonly name: string;
  readonly shape: string;
}

const op = (name: string, shape: string): AmlOpInfo => ({ name, shape });

/** Opcodes with operands or a name of their own, by one-byte value (§20.2.5). */
export const AML_OPS: Readonly<Record<number, AmlOpInfo>> = {
  [AML.ZeroOp]: op('Zero', ''), [AML.OneOp]: op('One', ''), [AML.OnesOp]: op('Ones', ''),
  [AML.AliasOp]: op('Alias', 'nn'), [AML.NameOp]: op('Name', 'nt'), [AML.ScopeOp]: op('Scope', 'pn'),
  [AML.BufferOp]: op('Buffer', 'pt'), [AML.PackageOp]: op('Package', 'pbe'), [AML.VarPackageOp]: op('VarPackage', 'pte'),
  [AML.MethodOp]: op('Method', 'pnb'), [AML.ExternalOp]: op('External', 'nbb'),
  [AML.StoreOp]: op('Store', 'ts'), [AML.RefOfOp]: op('RefOf', 's'), [AML.AddOp]: op('Add', 'ttr'),
  [AML.ConcatOp]: op('Concatenate', 'ttr'), [AML.SubtractOp]: op('Subtract', 'ttr'), [AML.IncrementOp]: op('Increment', 's'),
  [AML.DecrementOp]: op('Decrement', 's'), [AML.MultiplyOp]: op('Multiply', 'ttr'), [AML.DivideOp]: op('Divide', 'ttrr'),
  [AML.ShiftLeftOp]: op('ShiftLeft', 'ttr'), [AML.ShiftRightOp]: op('ShiftRight', 'ttr'), [AML.AndOp]: op('And', 'ttr'),
  [AML.NandOp]: op('NAnd', 'ttr'), [AML.OrOp]: op('Or', 'ttr'), [AML.NorOp]: op('NOr', 'ttr'), [AML.XorOp]: op('XOr', 'ttr'),
  [AML.NotOp]: op('Not', 'tr'), [AML.FindSetLeftBitOp]: op('FindSetLeftBit', 'tr'), [AML.FindSetRightBitOp]: op('FindSetRightBit', 'tr'),
  [AML.DerefOfOp]: op('DerefOf', 't'), [AML.ConcatResOp]: op('ConcatenateResTemplate', 'ttr'), [AML.ModOp]: op('Mod', 'ttr'),
  [AML.NotifyOp]: op('Notify', 'st'), [AML.SizeOfOp]: op('SizeOf', 's'), [AML.IndexOp]: op('Index', 'ttr'),
  [AML.MatchOp]: op('Match', 'tbtbtt'), [AML.CreateDWordFieldOp]: op('CreateDWordField', 'ttn'),
  [AML.CreateWordFieldOp]: op('CreateWordField', 'ttn'), [AML.CreateByteFieldOp]: op('CreateByteField', 'ttn'),
  [AML.CreateBitFieldOp]: op('CreateBitField', 'ttn'), [AML.ObjectTypeOp]: op('ObjectType', 's'),
  [AML.CreateQWordFieldOp]: op('CreateQWordField', 'ttn'),
  [AML.LandOp]: op('LAnd', 'tt'), [AML.LorOp]: op('LOr', 'tt'), [AML.LnotOp]: op('LNot', 't'), [AML.LEqualOp]: op('LEqual', 'tt'),
  [AML.LGreaterOp]: op('LGreater', 'tt'), [AML.LLessOp]: op('LLess', 'tt'),
  [AML.ToBufferOp]: op('ToBuffer', 'tr'), [AML.ToDecimalStringOp]: op('ToDecimalString', 'tr'), [AML.ToHexStringOp]: op('ToHexString', 'tr'),
  [AML.ToIntegerOp]: op('ToInteger', 'tr'), [AML.ToStringOp]: op('ToString', 'ttr'), [AML.CopyObjectOp]: op('CopyObject', 'ts'),
  [AML.MidOp]: op('Mid', 'tttr'), [AML.ContinueOp]: op('Continue', ''),
  [AML.IfOp]: op('If', 'pt'), [AML.ElseOp]: op('Else', 'p'), [AML.WhileOp]: op('While', 'pt'), [AML.NoopOp]: op('Noop', ''),
  [AML.ReturnOp]: op('Return', 't'), [AML.BreakOp]: op('Break', ''), [AML.BreakPointOp]: op('BreakPoint', ''),
};

/** ExtOpPrefix opcodes by their second byte (§20.2.5). */
export const AML_EXT_OPS: Readonly<Record<number, AmlOpInfo>> = {
  [AML_EXT.MutexOp]: op('Mutex', 'nb'), [AML_EXT.EventOp]: op('Event', 'n'), [AML_EXT.CondRefOfOp]: op('CondRefOf', 'cr'),
  [AML_EXT.CreateFieldOp]: op('CreateField', 'tttn'), [AML_EXT.LoadTableOp]: op('LoadTable', 'tttttt'), [AML_EXT.LoadOp]: op('Load', 'nr'),
  [AML_EXT.StallOp]: op('Stall', 't'), [AML_EXT.SleepOp]: op('Sleep', 't'), [AML_EXT.AcquireOp]: op('Acquire', 'sw'),
  [AML_EXT.SignalOp]: op('Signal', 's'), [AML_EXT.WaitOp]: op('Wait', 'st'), [AML_EXT.ResetOp]: op('Reset', 's'),
  [AML_EXT.ReleaseOp]: op('Release', 's'), [AML_EXT.FromBCDOp]: op('FromBCD', 'tr'), [AML_EXT.ToBCDOp]: op('ToBCD', 'tr'),
  [AML_EXT.UnloadOp]: op('Unload', 's'), [AML_EXT.RevisionOp]: op('Revision', ''), [AML_EXT.DebugOp]: op('Debug', ''),
  [AML_EXT.FatalOp]: op('Fatal', 'bdt'), [AML_EXT.TimerOp]: op('Timer', ''),
  [AML_EXT.OpRegionOp]: op('OperationRegion', 'nbtt'), [AML_EXT.FieldOp]: op('Field', 'pnb'), [AML_EXT.DeviceOp]: op('Device', 'pn'),
  [AML_EXT.ProcessorOp]: op('Processor', 'pnbdb'), [AML_EXT.PowerResOp]: op('PowerResource', 'pnbw'),
  [AML_EXT.ThermalZoneOp]: op('ThermalZone', 'pn'), [AML_EXT.IndexFieldOp]: op('IndexField', 'pnnb'),
  [AML_EXT.BankFieldOp]: op('BankField', 'pnntb'), [AML_EXT.DataRegionOp]: op('DataTableRegion', 'nttt'),
};

/** Operation region spaces (§19.6.100, §5.5.2.4). */
export const REGION_SPACE = {
  SystemMemory: 0x00, SystemIO: 0x01, PCI_Config: 0x02, EmbeddedControl: 0x03, SMBus: 0x04, SystemCMOS: 0x05,
  PCIBARTarget: 0x06, IPMI: 0x07, GeneralPurposeIo: 0x08, GenericSerialBus: 0x09, PCC: 0x0a,
  PlatformRtMechanism: 0x0b, FFixedHW: 0x7f,
} as const;
export type RegionSpace = keyof typeof REGION_SPACE;

/** Space of a DataTableRegion (not encodable in AML: ACPICA's internal id for it). */
export const DATA_TABLE_SPACE = 0x80;

/** Region space names by id, as iasl's disassembler prints them (and ACPICA's namespace dump). */
export const REGION_SPACE_NAMES: Readonly<Record<number, string>> = {
  0x00: 'SystemMemory', 0x01: 'SystemIO', 0x02: 'PCI_Config', 0x03: 'EmbeddedControl', 0x04: 'SMBus', 0x05: 'SystemCMOS',
  0x06: 'PCIBARTarget', 0x07: 'IPMI', 0x08: 'GeneralPurposeIo', 0x09: 'GenericSerialBus', 0x0a: 'PCC',
  0x0b: 'PlatformRtMechanism', 0x7f: 'FFixedHW', [DATA_TABLE_SPACE]: 'DataTable',
};

/** FieldFlags (§20.2.5.2): AccessType bits 0-3, LockRule bit 4, UpdateRule bits 5-6. */
export const FIELD_ACCESS = { AnyAcc: 0, ByteAcc: 1, WordAcc: 2, DWordAcc: 3, QWordAcc: 4, BufferAcc: 5 } as const;
export const FIELD_LOCK = { NoLock: 0, Lock: 1 } as const;
export const FIELD_UPDATE = { Preserve: 0, WriteAsOnes: 1, WriteAsZeros: 2 } as const;
export type FieldAccess = keyof typeof FIELD_ACCESS;
export type FieldUpdate = keyof typeof FIELD_UPDATE;
export const FIELD_ACCESS_MASK = 0x0f;
export const FIELD_LOCK_SHIFT = 4;
export const FIELD_UPDATE_SHIFT = 5;
export const FIELD_ACCESS_NAMES: readonly string[] = ['AnyAcc', 'ByteAcc', 'WordAcc', 'DWordAcc', 'QWordAcc', 'BufferAcc'];
export const FIELD_LOCK_NAMES: readonly string[] = ['NoLock', 'Lock'];
export const FIELD_UPDATE_NAMES: readonly string[] = ['Preserve', 'WriteAsOnes', 'WriteAsZeros'];

/** FieldList elements (§20.2.5.2). */
export const FIELD_ELEMENT = { ReservedField: 0x00, AccessField: 0x01, ConnectField: 0x02, ExtendedAccessField: 0x03 } as const;

/** ObjectTypeKeyword of External (§19.6.44), by ObjectType value. */
export const OBJECT_TYPE_NAMES: readonly string[] = [
  'UnknownObj', 'IntObj', 'StrObj', 'BuffObj', 'PkgObj', 'FieldUnitObj', 'DeviceObj', 'EventObj', 'MethodObj', 'MutexObj',
  'OpRegionObj', 'PowerResObj', 'ProcessorObj', 'ThermalZoneObj', 'BuffFieldObj', 'DDBHandleObj',
];
