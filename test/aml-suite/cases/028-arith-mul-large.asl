// Name: Multiply of two large values
// Expect: int => 0xFFFFFFFE00000001
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0xFFFFFFFF * 0xFFFFFFFF) }
}
