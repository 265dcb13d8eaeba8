// Name: ToBuffer of a String includes the NUL
// Expect: int => 0x3
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { ToBuffer ("AB", Local0)
        Return (SizeOf (Local0)) }
}
