// Name: IndexField write then read back
// Expect: int => 0x5C
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31400, 0x2)
    Field (REG0, ByteAcc, NoLock, Preserve) { IDX0, 8, DAT0, 8 }
    IndexField (IDX0, DAT0, ByteAcc, NoLock, Preserve) { Offset (3), IF03, 8 }
    Method (MAIN) {
        IF03 = 0x5C
        Return (DAT0)
    }
}
