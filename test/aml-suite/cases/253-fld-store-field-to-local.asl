// Name: Storing a field to a Local gives an Integer
// Expect: int => 0x1
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31A00, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { FLD0, 8 }
    Method (MAIN) {
        FLD0 = 7
        Local0 = FLD0
        Return (ObjectType (Local0))
    }
}
