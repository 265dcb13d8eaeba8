// Name: Field declared at table level over a region inside a Device, written from a method
// Expect: int => 0x7
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) {
        OperationRegion (REG0, SystemMemory, 0x31E00, 0x4)
        Field (REG0, DWordAcc, NoLock, Preserve) { STAT, 3, , 29 }
        Method (_STA) { Return (STAT) }
    }
    Method (MAIN) {
        \DEV0.STAT = 0xFF
        Return (\DEV0._STA ())
    }
}
