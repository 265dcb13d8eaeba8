// Name: Notify through an Alias of a device
// Expect: int => 0x1
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { }
    Alias (DEV0, DEVA)
    Method (MAIN) {
        Notify (DEVA, 0x80)
        Return (1)
    }
}
