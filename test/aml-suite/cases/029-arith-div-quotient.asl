// Name: Divide quotient
// Expect: int => 0x21
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (100 / 3) }
}
