// Name: Writing a wide value to a narrow field truncates
// Expect: int => 0x34
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30700, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { FLD0, 8, FLD1, 8 }
    Method (MAIN) {
        FLD1 = 0
        FLD0 = 0x1234
        Return (FLD0 | (FLD1 << 8))
    }
}
