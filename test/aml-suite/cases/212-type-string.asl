// Name: ObjectType of a String
// Expect: int => 0x2
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (OBJ0, "s")
    Method (MAIN) { Return (ObjectType (OBJ0)) }
}
