// Name: ObjectType through an Alias is the target's type
// Expect: int => 0x6
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { }
    Alias (DEV0, ALS0)
    Method (MAIN) { Return (ObjectType (ALS0)) }
}
