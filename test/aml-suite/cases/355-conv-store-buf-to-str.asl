// Name: Store Buffer into a named String
// Expect: str => "AB"
// Group: conversions (implicit)
// ACPICA: str => "0x41 0x42"
// Divergence: NT copies the buffer's bytes into the existing 2-character string (uACPI implicit cast = raw copy); ACPICA converts the Buffer to a hex string and replaces the String
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "XY")
    Method (MAIN) {
        STR0 = Buffer () {0x41, 0x42}
        Return (STR0)
    }
}
