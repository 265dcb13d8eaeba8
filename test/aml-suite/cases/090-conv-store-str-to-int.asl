// Name: Store String into a named Integer
// Expect: int => 0x34333231
// Group: conversions (implicit)
// ACPICA: int => 0x1234
// Divergence: NT copies the string's bytes into the Integer's storage (uACPI "implicit cast" = raw copy); ACPICA parses the string as hex
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 0)
    Method (MAIN) {
        INT0 = "1234"
        Return (INT0)
    }
}
