/** AML opcodes (ACPI 6.5 §20.3). Two-byte ones are listed without the 0x5B ExtOpPrefix. */
export const AML = {
  ZeroOp: 0x00, OneOp: 0x01, AliasOp: 0x06, NameOp: 0x08,
  BytePrefix: 0x0a, WordPrefix: 0x0b, DWordPrefix: 0x0c, StringPrefix: 0x0d, QWordPrefix: 0x0e,
  ScopeOp: 0x10, BufferOp: 0x11, PackageOp: 0x12, VarPackageOp: 0x13, MethodOp: 0x14, ExternalOp: 0x15,
  DualNamePrefix: 0x2e, MultiNamePrefix: 0x2f, ExtOpPrefix: 0x5b, RootChar: 0x5c, ParentPrefixChar: 0x5e,
  Local0Op: 0x60, Arg0Op: 0x68,
  StoreOp: 0x70, RefOfOp: 0x71, AddOp: 0x72, ConcatOp: 0x73, SubtractOp: 0x74, IncrementOp: 0x75,
  DecrementOp: 0x76, MultiplyOp: 0x77, DivideOp: 0x78, ShiftLeftOp: 0x79, ShiftRightOp: 0x7a, AndOp: 0x7b,
  NandOp: 0x7c, OrOp: 0x7d, NorOp: 0x7e, XorOp: 0x7f, NotOp: 0x80, DerefOfOp: 0x83, ModOp: 0x85,
  NotifyOp: 0x86, SizeOfOp: 0x87, IndexOp: 0x88, CreateDWordFieldOp: 0x8a, CreateWordFieldOp: 0x8b,
  CreateByteFieldOp: 0x8c, CreateBitFieldOp: 0x8d, CreateQWordFieldOp: 0x8f,
  LandOp: 0x90, LorOp: 0x91, LnotOp: 0x92, LEqualOp: 0x93, LGreaterOp: 0x94, LLessOp: 0x95,
  ToBufferOp: 0x96, ToHexStringOp: 0x98, ToIntegerOp: 0x99, ConcatResOp: 0x84, ObjectTypeOp: 0x8e,
  IfOp: 0xa0, ElseOp: 0xa1, WhileOp: 0xa2, NoopOp: 0xa3, ReturnOp: 0xa4, BreakOp: 0xa5, OnesOp: 0xff,
} as const;

export const AML_EXT = {
  MutexOp: 0x01, CondRefOfOp: 0x12, CreateFieldOp: 0x13, SleepOp: 0x22, AcquireOp: 0x23, ReleaseOp: 0x27,
  DebugOp: 0x31, OpRegionOp: 0x80, FieldOp: 0x81, DeviceOp: 0x82, ProcessorOp: 0x83, IndexFieldOp: 0x86,
} as const;

/** Operation region spaces (§19.6.100). */
export const REGION_SPACE = {
  SystemMemory: 0x00, SystemIO: 0x01, PCI_Config: 0x02, EmbeddedControl: 0x03, SMBus: 0x04,
} as const;
export type RegionSpace = keyof typeof REGION_SPACE;

/** FieldFlags (§20.2.5.2): AccessType bits 0–3, LockRule bit 4, UpdateRule bits 5–6. */
export const FIELD_ACCESS = { AnyAcc: 0, ByteAcc: 1, WordAcc: 2, DWordAcc: 3, QWordAcc: 4, BufferAcc: 5 } as const;
export const FIELD_UPDATE = { Preserve: 0, WriteAsOnes: 1, WriteAsZeros: 2 } as const;
export type FieldAccess = keyof typeof FIELD_ACCESS;
export type FieldUpdate = keyof typeof FIELD_UPDATE;
