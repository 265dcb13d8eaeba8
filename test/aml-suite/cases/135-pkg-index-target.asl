// Name: Index with a target stores the reference
// Expect: int => 0x30
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {0x10, 0x20, 0x30})
    Method (MAIN) {
        Index (PKG0, 2, Local0)
        Return (DerefOf (Local0))
    }
}
