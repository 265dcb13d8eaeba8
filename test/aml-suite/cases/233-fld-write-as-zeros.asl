// Name: WriteAsZeros clears the rest of the access unit
// Expect: int => 0x0050
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30500, 0x10)
    Field (REG0, WordAcc, NoLock, Preserve) { WRD0, 16 }
    Field (REG0, WordAcc, NoLock, WriteAsZeros) { , 4, NIB1, 4 }
    Method (MAIN) {
        WRD0 = 0xFFFF
        NIB1 = 5
        Return (WRD0)
    }
}
