// Name: Concatenate two strings
// Expect: str => "abcdef"
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Concatenate ("abc", "def")) }
}
