// Name: Store to Debug has no effect on the result
// Expect: str => "done"
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Debug = "debug output"
        Debug = 0x1234
        Return ("done")
    }
}
