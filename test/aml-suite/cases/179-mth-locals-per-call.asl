// Name: Each invocation has its own locals
// Expect: int => 0x3
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (INNR) { Local0 = 0x77
        Return (Local0) }
    Method (MAIN) {
        Local0 = 3
        INNR ()
        Return (Local0)
    }
}
