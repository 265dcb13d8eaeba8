// Name: Raw bits of a field spanning two bytes
// Expect: int => 0x2AF00
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30900, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { , 6, SPAN, 12 }
    Field (REG0, ByteAcc, NoLock, Preserve) { ALL0, 32 }
    Method (MAIN) {
        ALL0 = 0
        SPAN = 0xABC
        Return (ALL0)
    }
}
