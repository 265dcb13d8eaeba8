// Name: Mid of a String
// Expect: str => "llo"
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Mid ("hello", 2, 3)) }
}
