// Name: LGreater, LLess, LGreaterEqual, LLessEqual
// Expect: int => 0xF
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        If (5 > 4) { Local0 |= 1 }
        If (4 < 5) { Local0 |= 2 }
        If (5 >= 5) { Local0 |= 4 }
        If (5 <= 5) { Local0 |= 8 }
        If (5 < 5) { Local0 |= 0x10 }
        If (4 > 5) { Local0 |= 0x20 }
        Return (Local0)
    }
}
