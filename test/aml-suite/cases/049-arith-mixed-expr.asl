// Name: Nested arithmetic expression
// Expect: int => 0x2A
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (((7 * 8) - 14) / (3 - 2) % 0x100) }
}
