// Name: Index past the end of a Package
// Expect: error => AE_AML_PACKAGE_LIMIT
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1, 2})
    Method (MAIN) {
        Local0 = 5
        Return (DerefOf (Index (PKG0, Local0)))
    }
}
