// Name: BankField data lands in the region
// Expect: int => 0x99
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31800, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { BNK0, 8, Offset (4), RAW4, 8 }
    BankField (REG0, BNK0, 2, ByteAcc, NoLock, Preserve) { Offset (4), BF04, 8 }
    Method (MAIN) {
        BF04 = 0x99
        Return (RAW4)
    }
}
