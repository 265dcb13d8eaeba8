// Name: Module-level If creates objects during load
// Expect: int => 0x5
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    If (One) { Name (MLC0, 5) }
    Method (MAIN) { Return (MLC0) }
}
