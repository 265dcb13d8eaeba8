// Name: Multiply
// Expect: int => 0x121
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0x11 * 0x11) }
}
