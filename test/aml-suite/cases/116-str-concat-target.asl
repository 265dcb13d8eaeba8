// Name: Concatenate with a target
// Expect: str => "foobar"
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Concatenate ("foo", "bar", Local0)
        Return (Local0) }
}
