// Name: ShiftLeft loses bits above 32 in rev 1
// Expect: int => 0x0
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0x80000000 << 1) }
}
