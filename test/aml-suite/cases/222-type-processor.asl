// Name: ObjectType of a Processor
// Expect: int => 0xC
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Processor (CPU0, 1, 0, 0) { }
    Method (MAIN) { Return (ObjectType (CPU0)) }
}
