// Name: Implicit short Buffer to Integer is zero extended
// Expect: int => 0x0302
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {2, 3})
    Method (MAIN) { Return (BUF0 | 0) }
}
