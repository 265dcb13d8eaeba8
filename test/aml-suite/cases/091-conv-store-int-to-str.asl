// Name: Store Integer into a named String keeps the string size
// Expect: str => "FOO"
// Group: conversions (implicit)
// ACPICA: str => "00000000004F4F46"
// Divergence: NT copies the integer's bytes into the existing 3-character string; ACPICA replaces it with 16 hex digits
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "BAR")
    Method (MAIN) {
        STR0 = 0x4F4F46
        Return (STR0)
    }
}
