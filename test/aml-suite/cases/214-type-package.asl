// Name: ObjectType of a Package
// Expect: int => 0x4
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (OBJ0, Package () {1})
    Method (MAIN) { Return (ObjectType (OBJ0)) }
}
