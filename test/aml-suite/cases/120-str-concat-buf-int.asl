// Name: Concatenate Buffer with an Integer appends 8 bytes
// Expect: int => 0xA
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = Concatenate (Buffer () {1, 2}, 0x1234)
        Return (SizeOf (Local0)) }
}
