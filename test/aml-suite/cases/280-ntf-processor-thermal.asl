// Name: Notify on Processor and ThermalZone objects
// Expect: int => 0x2
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Processor (CPU0, 0, 0, 0) { }
    ThermalZone (TZ00) { }
    Method (MAIN) {
        Notify (CPU0, 0x81)
        Notify (TZ00, 0x80)
        Return (2)
    }
}
