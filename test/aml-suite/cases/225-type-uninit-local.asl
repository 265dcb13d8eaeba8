// Name: ObjectType of an unset package element is Uninitialized
// Expect: int => 0x0
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package (2) {})
    Method (MAIN) { Return (ObjectType (Index (PKG0, 0))) }
}
