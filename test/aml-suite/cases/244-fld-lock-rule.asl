// Name: Field with the Lock rule
// Expect: int => 0x66
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31200, 0x10)
    Field (REG0, ByteAcc, Lock, Preserve) { FLD0, 8 }
    Method (MAIN) {
        FLD0 = 0x66
        Return (FLD0)
    }
}
