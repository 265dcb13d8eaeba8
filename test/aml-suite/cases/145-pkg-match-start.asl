// Name: Match honours the start index
// Expect: int => 0x3
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1, 2, 3, 1})
    Method (MAIN) { Return (Match (PKG0, MEQ, 1, MTR, 0, 1)) }
}
