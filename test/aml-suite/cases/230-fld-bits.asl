// Name: Bit-sized fields pack inside a byte
// Expect: int => 0xB5
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30200, 0x10)
    Field (REG0, ByteAcc, NoLock, Preserve) { BYT0, 8 }
    Field (REG0, ByteAcc, NoLock, Preserve) { BIT0, 1, BIT1, 1, BITS, 3, TOP3, 3 }
    Method (MAIN) {
        BYT0 = 0
        BIT0 = 1
        BIT1 = 0
        BITS = 5
        TOP3 = 5
        Return (BYT0)
    }
}
