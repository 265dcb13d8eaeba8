// Name: Concatenate Buffer with a String appends the string converted to a Buffer (with its NUL)
// Expect: int => 0x5
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Concatenate (Buffer () {1, 2}, "AB")
        Return (SizeOf (Local0))
    }
}
