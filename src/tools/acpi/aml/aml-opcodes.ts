/** AML opcode tables (ACPI 6.5 §20.2.5): name and operand shape of the simple expression ops. */

/** Operand kinds: t = TermArg, s = SuperName/Target (NullName allowed), n = NameString, b = byte, w = word. */
export const EXPRESSION_OPS: Readonly<Record<number, readonly [string, string]>> = {
  0x70: ['Store', 'ts'], 0x71: ['RefOf', 's'], 0x72: ['Add', 'tts'], 0x73: ['Concatenate', 'tts'], 0x74: ['Subtract', 'tts'],
  0x75: ['Increment', 's'], 0x76: ['Decrement', 's'], 0x77: ['Multiply', 'tts'], 0x78: ['Divide', 'ttss'],
  0x79: ['ShiftLeft', 'tts'], 0x7a: ['ShiftRight', 'tts'], 0x7b: ['And', 'tts'], 0x7c: ['NAnd', 'tts'], 0x7d: ['Or', 'tts'],
  0x7e: ['NOr', 'tts'], 0x7f: ['XOr', 'tts'], 0x80: ['Not', 'ts'], 0x81: ['FindSetLeftBit', 'ts'], 0x82: ['FindSetRightBit', 'ts'],
  0x83: ['DerefOf', 't'], 0x84: ['ConcatenateResTemplate', 'tts'], 0x85: ['Mod', 'tts'], 0x86: ['Notify', 'st'], 0x87: ['SizeOf', 's'],
  0x88: ['Index', 'tts'], 0x89: ['Match', 'tbtbtt'], 0x8a: ['CreateDWordField', 'ttn'], 0x8b: ['CreateWordField', 'ttn'],
  0x8c: ['CreateByteField', 'ttn'], 0x8d: ['CreateBitField', 'ttn'], 0x8e: ['ObjectType', 's'], 0x8f: ['CreateQWordField', 'ttn'],
  0x90: ['LAnd', 'tt'], 0x91: ['LOr', 'tt'], 0x92: ['LNot', 't'], 0x93: ['LEqual', 'tt'], 0x94: ['LGreater', 'tt'], 0x95: ['LLess', 'tt'],
  0x96: ['ToBuffer', 'ts'], 0x97: ['ToDecimalString', 'ts'], 0x98: ['ToHexString', 'ts'], 0x99: ['ToInteger', 'ts'],
  0x9c: ['ToString', 'tts'], 0x9d: ['CopyObject', 'ts'], 0x9e: ['Mid', 'ttts'], 0xa4: ['Return', 't'], 0x06: ['Alias', 'nn'],
};

/** ExtOpPrefix (0x5B) expression ops. */
export const EXT_EXPRESSION_OPS: Readonly<Record<number, readonly [string, string]>> = {
  0x12: ['CondRefOf', 'ss'], 0x13: ['CreateField', 'tttn'], 0x1f: ['LoadTable', 'tttttt'], 0x20: ['Load', 'ns'],
  0x21: ['Stall', 't'], 0x22: ['Sleep', 't'], 0x23: ['Acquire', 'sw'], 0x24: ['Signal', 's'], 0x25: ['Wait', 'st'],
  0x26: ['Reset', 's'], 0x27: ['Release', 's'], 0x28: ['FromBCD', 'ts'], 0x29: ['ToBCD', 'ts'], 0x2a: ['Unload', 's'],
  0x32: ['Fatal', 'bwt'], 0x01: ['Mutex', 'nb'], 0x02: ['Event', 'n'], 0x88: ['DataRegion', 'nttt'],
};

export const EXT_CONSTANTS: Readonly<Record<number, string>> = { 0x30: 'Revision', 0x31: 'Debug', 0x33: 'Timer' };

export const CONSTANTS: Readonly<Record<number, string>> = { 0x00: 'Zero', 0x01: 'One', 0xff: 'Ones', 0x9f: 'Continue', 0xa3: 'Noop', 0xa5: 'Break', 0xcc: 'BreakPoint' };

export const REGION_SPACES: Readonly<Record<number, string>> = {
  0: 'SystemMemory', 1: 'SystemIO', 2: 'PCI_Config', 3: 'EmbeddedControl', 4: 'SMBus', 5: 'SystemCMOS', 6: 'PciBarTarget',
  7: 'IPMI', 8: 'GeneralPurposeIo', 9: 'GenericSerialBus', 10: 'PCC',
};

export const FIELD_ACCESS = ['AnyAcc', 'ByteAcc', 'WordAcc', 'DWordAcc', 'QWordAcc', 'BufferAcc'];
export const FIELD_LOCK = ['NoLock', 'Lock'];
export const FIELD_UPDATE = ['Preserve', 'WriteAsOnes', 'WriteAsZeros'];
export const OBJECT_TYPES = [
  'UnknownObj', 'IntObj', 'StrObj', 'BuffObj', 'PkgObj', 'FieldUnitObj', 'DeviceObj', 'EventObj', 'MethodObj', 'MutexObj',
  'OpRegionObj', 'PowerResObj', 'ProcessorObj', 'ThermalZoneObj', 'BuffFieldObj', 'DDBHandleObj',
];
