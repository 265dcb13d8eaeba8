// Name: Module-level Store runs during load
// Expect: int => 0x42
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (GVAR, 0)
    Store (0x42, GVAR)
    Method (MAIN) { Return (GVAR) }
}
