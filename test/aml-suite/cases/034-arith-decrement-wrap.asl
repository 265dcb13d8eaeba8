// Name: Decrement zero wraps to Ones
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = 0
        Decrement (Local0)
        Return (Local0) }
}
