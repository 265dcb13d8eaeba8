// Name: SizeOf a Package
// Expect: int => 0x3
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1, "two", Buffer () {3}})
    Method (MAIN) { Return (SizeOf (PKG0)) }
}
