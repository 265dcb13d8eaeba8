// Name: Write a Buffer into a wide field
// Expect: int => 0x10
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30C00, 0x20)
    Field (REG0, ByteAcc, NoLock, Preserve) { WIDE, 128 }
    Field (REG0, ByteAcc, NoLock, Preserve) { Offset (15), LAST, 8 }
    Method (MAIN) {
        WIDE = Buffer (16) {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
        Return (LAST)
    }
}
