// Name: A WordAcc field straddling two words
// Expect: int => 0xBEEF
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31B00, 0x10)
    Field (REG0, WordAcc, NoLock, Preserve) { , 8, STRD, 16 }
    Field (REG0, ByteAcc, NoLock, Preserve) { ALL0, 32 }
    Method (MAIN) {
        ALL0 = 0
        STRD = 0xBEEF
        Return (STRD)
    }
}
