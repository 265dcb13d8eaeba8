// Name: FromBCD
// Expect: int => 0x1234
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (FromBCD (0x4660)) }
}
