// Name: Noop does nothing
// Expect: int => 0x5
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Noop
        Return (5) }
}
