// Name: Objects of a dynamically loaded table are absent before Load
// Expect: int => 0x0
// Group: table loading (Load/Unload)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\LDV0, IntObj)
    Method (MAIN) { Return (CondRefOf (\LDV0)) }
}
