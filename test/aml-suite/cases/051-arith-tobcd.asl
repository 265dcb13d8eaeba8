// Name: ToBCD
// Expect: int => 0x4660
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToBCD (4660)) }
}
