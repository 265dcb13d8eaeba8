// Name: Concatenate with an empty string
// Expect: str => "x"
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Concatenate ("", "x")) }
}
