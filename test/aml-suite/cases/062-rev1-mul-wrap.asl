// Name: Multiply wraps at 32 bits in rev 1
// Expect: int => 0xFFFE0001
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0xFFFF * 0xFFFF + 0xFFFFFFFF * 0x2 + 2) }
}
