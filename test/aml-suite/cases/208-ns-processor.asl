// Name: Processor object with a child
// Expect: int => 0x12
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Scope (\_PR) { Processor (CPU0, 0, 0x00000410, 6) { Name (VALP, 0x12) } }
    Method (MAIN) { Return (\_PR.CPU0.VALP) }
}
