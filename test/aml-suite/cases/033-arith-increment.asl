// Name: Increment a Local
// Expect: int => 0x6
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = 5
        Local0++
        Return (Local0) }
}
