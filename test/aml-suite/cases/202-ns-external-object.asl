// Name: External integer defined in a second table
// Expect: int => 0xCAFE
// Group: namespace
// ExtraTables: extra/ssdt-methods.aml
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\EXTV, IntObj)
    Method (MAIN) { Return (\EXTV) }
}
