// Name: Subtract
// Expect: int => 0xFF
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0x100 - 1) }
}
