// Name: AnyAcc field write and read
// Expect: int => 0x1234
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x31D00, 0x10)
    Field (REG0, AnyAcc, NoLock, Preserve) { , 4, ANY0, 16 }
    Method (MAIN) {
        ANY0 = 0x1234
        Return (ANY0)
    }
}
