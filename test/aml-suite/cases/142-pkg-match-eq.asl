// Name: Match with MEQ
// Expect: int => 0x2
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {5, 7, 9, 11})
    Method (MAIN) { Return (Match (PKG0, MEQ, 9, MTR, 0, 0)) }
}
