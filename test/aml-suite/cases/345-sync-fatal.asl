// Name: Fatal is reported and execution continues
// Expect: int => 0x1
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Fatal (0x01, 0x00000002, 0x3)
        Return (1)
    }
}
