// Name: FindSetLeftBit is one-based
// Expect: int => 0x20
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (FindSetLeftBit (0x80000000)) }
}
