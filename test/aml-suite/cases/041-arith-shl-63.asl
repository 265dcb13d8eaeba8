// Name: ShiftLeft by 63 sets the top bit
// Expect: int => 0x8000000000000000
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (1 << 63) }
}
