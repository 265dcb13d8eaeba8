// Name: Bytes written through one field read back through a DWord overlay
// Expect: int => 0x44332211
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30100, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { B0, 8, B1, 8, B2, 8, B3, 8 }
    Field (REG0, DWordAcc, NoLock, Preserve) { D0, 32 }
    Method (MAIN) {
        B0 = 0x11
        B1 = 0x22
        B2 = 0x33
        B3 = 0x44
        Return (D0)
    }
}
