// Name: Notify with generic and device-specific values
// Expect: int => 0x3
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Name (_HID, EisaId ("PNP0C0C")) }
    Method (MAIN) {
        Notify (DEV0, 0x00)
        Notify (DEV0, 0x02)
        Notify (DEV0, 0xFF)
        Return (3)
    }
}
