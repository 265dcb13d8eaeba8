// Name: Index into a Package
// Expect: int => 0x20
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {0x10, 0x20, 0x30})
    Method (MAIN) { Return (DerefOf (Index (PKG0, 1))) }
}
