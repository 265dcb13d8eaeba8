// Name: \_OSI is a method
// Expect: int => 0x8
// Group: _OSI / _OS / _REV
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ObjectType (\_OSI)) }
}
