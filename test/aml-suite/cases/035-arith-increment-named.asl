// Name: Increment a named Integer
// Expect: int => 0x101
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (CNT0, 0x100)
    Method (MAIN) { Increment (CNT0)
        Return (CNT0) }
}
