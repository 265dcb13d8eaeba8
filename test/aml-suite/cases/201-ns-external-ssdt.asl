// Name: External method defined in a second table
// Expect: int => 0x7
// Group: namespace
// ExtraTables: extra/ssdt-methods.aml
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\EXT1, MethodObj)
    Method (MAIN) { Return (\EXT1 (3, 4)) }
}
