// Name: Match without a hit returns Ones
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {5, 7, 9, 11})
    Method (MAIN) { Return (Match (PKG0, MEQ, 8, MTR, 0, 0)) }
}
