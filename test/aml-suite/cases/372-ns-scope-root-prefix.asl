// Name: Scope(\) at the end of a table adds to the root
// Expect: int => 0x44
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Scope (\) { Name (RTV0, 0x44) } }
    Method (MAIN) { Return (RTV0) }
}
