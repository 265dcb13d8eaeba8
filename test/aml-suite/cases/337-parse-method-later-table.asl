// Name: A DSDT method calls a method whose argument count comes from an SSDT
// Expect: int => 0xC
// Group: parser / encoding
// ExtraTables: extra/ssdt-methods.aml
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\EXT1, MethodObj)
    Method (MAIN) { Return (\EXT1 (\EXT1 (1, 2), 9)) }
}
