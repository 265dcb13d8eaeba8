// Name: ObjectType of an Integer
// Expect: int => 0x1
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (OBJ0, 5)
    Method (MAIN) { Return (ObjectType (OBJ0)) }
}
