// Name: Mid past the end is truncated
// Expect: str => "lo"
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Mid ("hello", 3, 100)) }
}
