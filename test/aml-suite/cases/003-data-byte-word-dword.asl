// Name: Byte, Word and DWord constants add up
// Expect: int => 0x123457A6
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0x12 + 0x1234 + 0x12344556 + 0x0A - 0x00) }
}
