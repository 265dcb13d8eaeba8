// Name: Field declared inside a Device scope
// Expect: int => 0x31
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) {
        OperationRegion (REG0, SystemMemory, 0x31900, 0x10)
        Field (REG0, ByteAcc, NoLock, Preserve) { FLD0, 8 }
    }
    Method (MAIN) {
        \DEV0.FLD0 = 0x31
        Return (\DEV0.FLD0)
    }
}
