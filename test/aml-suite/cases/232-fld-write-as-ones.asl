// Name: WriteAsOnes fills the rest of the access unit with ones
// Expect: int => 0xFF5F
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30400, 0x10)
    Field (REG0, WordAcc, NoLock, Preserve) { WRD0, 16 }
    Field (REG0, WordAcc, NoLock, WriteAsOnes) { , 4, NIB1, 4 }
    Method (MAIN) {
        WRD0 = 0x0000
        NIB1 = 5
        Return (WRD0)
    }
}
