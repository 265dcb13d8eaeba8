// Name: Preserve keeps the neighbouring bits
// Expect: int => 0xF5F
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30300, 0x10)
    Field (REG0, WordAcc, NoLock, Preserve) { WRD0, 16 }
    Field (REG0, WordAcc, NoLock, Preserve) { , 4, NIB1, 4 }
    Method (MAIN) {
        WRD0 = 0x0FFF
        NIB1 = 5
        Return (WRD0)
    }
}
