// Name: A field wider than 64 bits reads as a Buffer
// Expect: int => 0x3
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30B00, 0x20)
    Field (REG0, ByteAcc, NoLock, Preserve) { WIDE, 128 }
    Method (MAIN) {
        Local0 = WIDE
        Return (ObjectType (Local0))
    }
}
