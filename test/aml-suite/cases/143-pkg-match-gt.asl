// Name: Match with MGT and MLT
// Expect: int => 0x1
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {5, 7, 9, 11})
    Method (MAIN) { Return (Match (PKG0, MGT, 6, MLT, 10, 1)) }
}
