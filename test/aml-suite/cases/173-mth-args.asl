// Name: Method with seven arguments
// Expect: int => 0x1C
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SUM7, 7) { Return (Arg0 + Arg1 + Arg2 + Arg3 + Arg4 + Arg5 + Arg6) }
    Method (MAIN) { Return (SUM7 (1, 2, 3, 4, 5, 6, 7)) }
}
