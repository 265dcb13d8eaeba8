// Name: Notify on a Device is accepted and execution continues
// Expect: int => 0x80
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Name (_HID, "FWL0001") }
    Method (MAIN) {
        Notify (DEV0, 0x80)
        Return (0x80)
    }
}
