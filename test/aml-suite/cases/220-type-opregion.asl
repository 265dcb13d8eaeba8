// Name: ObjectType of an OperationRegion
// Expect: int => 0xA
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x20000, 0x10)
    Method (MAIN) { Return (ObjectType (REG0)) }
}
