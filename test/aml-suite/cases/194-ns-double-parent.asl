// Name: Double parent prefix
// Expect: int => 0x44
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (VALB, 0x44)
    Device (DEV0) { Device (DEV1) { Method (GETV) { Return (^^^VALB) } } }
    Method (MAIN) { Return (\DEV0.DEV1.GETV ()) }
}
