// Name: LEqual of a Buffer with an Integer converts the Integer to a Buffer
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0x01, 0, 0, 0, 0, 0, 0, 0})
    Method (MAIN) { Return (BUF0 == 1) }
}
