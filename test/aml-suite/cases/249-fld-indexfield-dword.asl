// Name: IndexField with DWordAcc aligns the index to the access width
// Expect: int => 0x8
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31600, 0x8)
    Field (REG0, DWordAcc, NoLock, Preserve) { IDX0, 32, DAT0, 32 }
    IndexField (IDX0, DAT0, DWordAcc, NoLock, Preserve) { Offset (8), IF08, 32 }
    Method (MAIN) {
        IF08 = 0x12345678
        Return (IDX0)
    }
}
