// Name: ShiftLeft
// Expect: int => 0x100
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (1 << 8) }
}
