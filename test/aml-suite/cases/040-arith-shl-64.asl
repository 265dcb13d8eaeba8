// Name: ShiftLeft by 64 gives zero
// Expect: int => 0x0
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = 64
        Return (1 << Local0) }
}
