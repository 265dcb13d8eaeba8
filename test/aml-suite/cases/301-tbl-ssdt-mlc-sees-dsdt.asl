// Name: SSDT module-level code reads a DSDT object
// Expect: int => 0x2B
// Group: table loading (Load/Unload)
// ExtraTables: extra/ssdt-mlc.aml
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BASE, 0x2A)
    External (\SDRV, IntObj)
    Method (MAIN) { Return (\SDRV) }
}
