// Name: SystemIO region field write and read back
// Expect: int => 0x42
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (PIO0, SystemIO, 0x80, 1)
    Field (PIO0, ByteAcc, NoLock, Preserve) { P80, 8 }
    Method (MAIN) {
        P80 = 0x42
        Return (P80)
    }
}
