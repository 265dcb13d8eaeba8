// Name: OperationRegion with address and length computed at runtime
// Expect: int => 0x5A
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0x31000
        OperationRegion (REGR, SystemMemory, Local0, 4)
        Field (REGR, ByteAcc, NoLock, Preserve) { FLDR, 8 }
        FLDR = 0x5A
        Return (FLDR)
    }
}
