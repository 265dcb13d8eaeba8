// Name: Implicit String to Integer in Add parses hex
// Expect: int => 0x1244
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Add ("1234", 0x10)) }
}
