// Name: ObjectType of an IndexField unit
// Expect: int => 0x5
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x20000, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { IDX0, 8, DAT0, 8 }
    IndexField (IDX0, DAT0, ByteAcc, NoLock, Preserve) { IFL0, 8 }
    Method (MAIN) { Return (ObjectType (IFL0)) }
}
