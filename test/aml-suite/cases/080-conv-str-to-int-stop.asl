// Name: Implicit String to Integer stops at the first non-hex character
// Expect: int => 0x12AB
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "12abxyz")
    Method (MAIN) { Return (STR0 + 0) }
}
