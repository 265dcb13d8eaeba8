// Name: ObjectType of a Field unit
// Expect: int => 0x5
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x20000, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { FLD0, 8 }
    Method (MAIN) { Return (ObjectType (FLD0)) }
}
