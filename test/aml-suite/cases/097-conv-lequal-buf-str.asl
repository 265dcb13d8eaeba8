// Name: LEqual String against Buffer converts the Buffer to a String
// Expect: int => 0x0
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0x41, 0x42})
    Method (MAIN) { Return ("AB" == BUF0) }
}
