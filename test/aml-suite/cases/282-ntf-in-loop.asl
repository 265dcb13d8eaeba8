// Name: Several notifies in a loop
// Expect: int => 0x5
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { }
    Method (MAIN) {
        Local0 = 0
        While (Local0 < 5) { Notify (DEV0, Local0)
            Local0++ }
        Return (Local0)
    }
}
