// Name: Ones is 32 bits in a revision 1 DSDT
// Expect: int => 0xFFFFFFFF
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Ones) }
}
