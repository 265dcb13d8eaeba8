// Name: Add
// Expect: int => 0x579
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Add (0x123, 0x456)) }
}
