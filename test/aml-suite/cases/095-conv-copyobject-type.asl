// Name: CopyObject replaces a named Integer with a Package
// Expect: int => 0x4
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 1)
    Name (PKG0, Package () {1, 2})
    Method (MAIN) {
        CopyObject (PKG0, INT0)
        Return (ObjectType (INT0))
    }
}
