// Name: Not is a 64-bit complement
// Expect: int => 0xFFFFFFFFFFFFFF00
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Not (0xFF)) }
}
