// Name: Divide of a 64-bit dividend
// Expect: int => 0x0000000100000000
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0x8000000000000000 / 0x80000000) }
}
