// Name: Offset() positions a field in bytes
// Expect: int => 0x7788
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30600, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { Offset (4), FLD4, 8, Offset (8), FLD8, 8 }
    Field (REG0, AnyAcc, NoLock, Preserve) { Offset (4), W4, 16, Offset (8), W8, 16 }
    Method (MAIN) {
        W4 = 0
        W8 = 0
        FLD4 = 0x88
        FLD8 = 0x77
        Return ((FLD8 << 8) | W4)
    }
}
