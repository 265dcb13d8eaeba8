// Name: Notify on \_SB
// Expect: int => 0x1
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Notify (\_SB, 0)
        Return (1)
    }
}
