// Name: Concatenate of integers gives an 8-byte buffer in rev 1
// Expect: int => 0x8
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = Concatenate (1, 2)
        Return (SizeOf (Local0)) }
}
