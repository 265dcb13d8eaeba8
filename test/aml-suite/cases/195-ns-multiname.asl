// Name: Multi-segment path
// Expect: int => 0x55
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Device (DEV1) { Device (DEV2) { Name (VALC, 0x55) } } }
    Method (MAIN) { Return (\DEV0.DEV1.DEV2.VALC) }
}
