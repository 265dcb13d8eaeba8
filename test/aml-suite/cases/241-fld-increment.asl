// Name: Increment a field
// Expect: int => 0x10
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30D00, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { CNT0, 8 }
    Method (MAIN) {
        CNT0 = 0x0F
        CNT0++
        Return (CNT0)
    }
}
