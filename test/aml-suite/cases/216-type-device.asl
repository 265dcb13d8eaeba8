// Name: ObjectType of a Device
// Expect: int => 0x6
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { }
    Method (MAIN) { Return (ObjectType (DEV0)) }
}
