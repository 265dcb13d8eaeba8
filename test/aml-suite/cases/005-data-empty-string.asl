// Name: Empty string has size 0
// Expect: int => 0x0
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "")
    Method (MAIN) { Return (SizeOf (STR0)) }
}
