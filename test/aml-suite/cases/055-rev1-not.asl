// Name: Not yields 32 bits in a revision 1 DSDT
// Expect: int => 0xFFFF0000
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Not (0xFFFF)) }
}
