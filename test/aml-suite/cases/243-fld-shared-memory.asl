// Name: Two regions over the same memory see the same bytes
// Expect: int => 0xC3
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REGA, SystemMemory, 0x31100, 0x10)
    OperationRegion (REGB, SystemMemory, 0x31104, 0x4)
    Field (REGA, ByteAcc, NoLock, Preserve) { Offset (5), FA5, 8 }
    Field (REGB, ByteAcc, NoLock, Preserve) { , 8, FB1, 8 }
    Method (MAIN) {
        FA5 = 0xC3
        Return (FB1)
    }
}
