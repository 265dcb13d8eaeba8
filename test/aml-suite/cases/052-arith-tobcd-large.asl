// Name: ToBCD of a 16-digit value
// Expect: int => 0x9999999999999999
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToBCD (9999999999999999)) }
}
