// Name: A field spanning two access units
// Expect: int => 0xABC
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30800, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { , 6, SPAN, 12 }
    Field (REG0, ByteAcc, NoLock, Preserve) { ALL0, 32 }
    Method (MAIN) {
        ALL0 = 0
        SPAN = 0xABC
        Return (SPAN)
    }
}
