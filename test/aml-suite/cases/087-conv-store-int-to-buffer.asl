// Name: Store Integer into a named Buffer keeps its length, little endian
// Expect: int => 0x41144
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (4) {})
    Method (MAIN) {
        BUF0 = 0x11223344
        Return ((SizeOf (BUF0) << 16) | (DerefOf (BUF0 [3]) << 8) | DerefOf (BUF0 [0]))
    }
}
