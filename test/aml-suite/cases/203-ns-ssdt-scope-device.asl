// Name: SSDT adds a method to a DSDT device
// Expect: int => 0xBEEF
// Group: namespace
// ExtraTables: extra/ssdt-devx.aml
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\DEVX.SSDM, MethodObj)
    Device (DEVX) { Name (_UID, 1) }
    Method (MAIN) { Return (\DEVX.SSDM ()) }
}
