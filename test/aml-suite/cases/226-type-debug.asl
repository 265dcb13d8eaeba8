// Name: ObjectType of the Debug object
// Expect: int => 0x10
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ObjectType (Debug)) }
}
