// Name: Trailing package elements are uninitialized
// Expect: int => 0x0
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package (4) {1, 2})
    Method (MAIN) { Return (ObjectType (PKG0 [3])) }
}
