// Name: Compound assignment operators
// Expect: int => 0x1C
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 3
        Local0 += 5
        Local0 *= 4
        Local0 -= 4
        Local0 |= 0x10
        Local0 &= 0x1E
        Return (Local0)
    }
}
