// Name: Store Buffer into a named Integer
// Expect: int => 0x0201
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 0xFFFFFFFFFFFFFFFF)
    Method (MAIN) {
        INT0 = Buffer () {1, 2}
        Return (INT0)
    }
}
