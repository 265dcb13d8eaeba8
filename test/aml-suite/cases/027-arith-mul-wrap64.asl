// Name: Multiply keeps the low 64 bits
// Expect: int => 0x0000000200000000
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0x8000000100000000 * 2) }
}
