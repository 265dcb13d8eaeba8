// Name: ObjectType of a reference reports the target's type
// Expect: int => 0x2
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "s")
    Method (MAIN) {
        Local0 = RefOf (STR0)
        Return (ObjectType (Local0))
    }
}
