// Name: Store a longer String into a named String truncates
// Expect: str => "LONG"
// Group: conversions (implicit)
// ACPICA: str => "LONGSTRING"
// Divergence: NT keeps the destination's size; ACPICA replaces the string
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "XXXX")
    Method (MAIN) {
        STR0 = "LONGSTRING"
        Return (STR0)
    }
}
