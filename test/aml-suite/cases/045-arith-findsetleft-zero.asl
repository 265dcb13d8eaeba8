// Name: FindSetLeftBit of zero is zero
// Expect: int => 0x0
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (FindSetLeftBit (0)) }
}
