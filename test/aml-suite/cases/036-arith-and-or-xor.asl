// Name: And, Or, XOr
// Expect: int => 0x0F0F
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (XOr (Or (And (0xFF00, 0x0FF0), 0x000F), 0x0000)) }
}
