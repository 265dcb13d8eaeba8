// Name: Write and read a ByteAcc field
// Expect: int => 0xA5
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30000, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { FLD0, 8, FLD1, 8 }
    Method (MAIN) {
        FLD0 = 0xA5
        Return (FLD0)
    }
}
