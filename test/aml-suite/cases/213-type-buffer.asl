// Name: ObjectType of a Buffer
// Expect: int => 0x3
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (OBJ0, Buffer () {1})
    Method (MAIN) { Return (ObjectType (OBJ0)) }
}
