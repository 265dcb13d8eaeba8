// Name: Arguments can be written like locals
// Expect: int => 0x8
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (DBL, 1) { Arg0 *= 2
        Return (Arg0) }
    Method (MAIN) { Return (DBL (4)) }
}
