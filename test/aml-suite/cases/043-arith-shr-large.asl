// Name: ShiftRight by more than the width gives zero
// Expect: int => 0x0
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = 100
        Return (0xFFFF >> Local0) }
}
