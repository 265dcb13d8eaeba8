// Name: Store String into a named Buffer copies bytes and zero fills
// Expect: int => 0x41000000
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (4) {0xFF, 0xFF, 0xFF, 0xFF})
    Method (MAIN) {
        BUF0 = "A"
        Return ((DerefOf (BUF0 [0]) << 24) | (DerefOf (BUF0 [1]) << 16) | (DerefOf (BUF0 [2]) << 8) | DerefOf (BUF0 [3]))
    }
}
