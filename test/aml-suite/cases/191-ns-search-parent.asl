// Name: Single NameSeg search walks up to the root
// Expect: int => 0x11
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (TOP0, 0x11)
    Device (DEV0) { Device (DEV1) { Method (GETV) { Return (TOP0) } } }
    Method (MAIN) { Return (\DEV0.DEV1.GETV ()) }
}
