// Name: Recursion 100 deep
// Expect: int => 0x13BA
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (RSUM, 1) { If (Arg0 == 0) { Return (0) }
        Return (Arg0 + RSUM (Arg0 - 1)) }
    Method (MAIN) { Return (RSUM (100)) }
}
