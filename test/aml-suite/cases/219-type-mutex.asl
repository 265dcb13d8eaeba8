// Name: ObjectType of a Mutex
// Expect: int => 0x9
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTX0, 0)
    Method (MAIN) { Return (ObjectType (MTX0)) }
}
