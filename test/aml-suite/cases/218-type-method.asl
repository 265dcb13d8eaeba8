// Name: ObjectType of a Method
// Expect: int => 0x8
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MTH0) { Return (1) }
    Method (MAIN) { Return (ObjectType (MTH0)) }
}
