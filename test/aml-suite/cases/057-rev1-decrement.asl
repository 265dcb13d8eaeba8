// Name: Decrement of zero is 0xFFFFFFFF in rev 1
// Expect: int => 0xFFFFFFFF
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = 0
        Local0--
        Return (Local0) }
}
