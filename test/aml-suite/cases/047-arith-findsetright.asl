// Name: FindSetRightBit
// Expect: int => 0x5
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (FindSetRightBit (0x30)) }
}
