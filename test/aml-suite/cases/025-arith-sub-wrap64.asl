// Name: Subtract wraps below zero
// Expect: int => 0xFFFFFFFFFFFFFFFE
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (1 - 3) }
}
