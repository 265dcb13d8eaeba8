// Name: Store through Index into a String changes one character
// Expect: str => "aXc"
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "abc")
    Method (MAIN) {
        STR0 [1] = 0x58
        Return (STR0)
    }
}
