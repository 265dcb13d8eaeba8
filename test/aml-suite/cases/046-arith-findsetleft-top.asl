// Name: FindSetLeftBit of bit 63
// Expect: int => 0x40
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (FindSetLeftBit (0x8000000000000001)) }
}
