// Name: Implicit Buffer to Integer is little endian over 8 bytes
// Expect: int => 0x0807060504030201
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2, 3, 4, 5, 6, 7, 8, 9})
    Method (MAIN) { Return (BUF0 + 0) }
}
