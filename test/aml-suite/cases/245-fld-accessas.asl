// Name: AccessAs changes the access width mid-list
// Expect: int => 0xBEEF
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31300, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { FLB0, 8, AccessAs (WordAcc), , 8, FLW1, 16 }
    Method (MAIN) {
        FLW1 = 0xBEEF
        Return (FLW1)
    }
}
