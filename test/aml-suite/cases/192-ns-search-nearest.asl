// Name: Nearest scope wins in the search
// Expect: int => 0x22
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (VALX, 0x11)
    Device (DEV0) { Name (VALX, 0x22)
        Method (GETV) { Return (VALX) } }
    Method (MAIN) { Return (\DEV0.GETV ()) }
}
