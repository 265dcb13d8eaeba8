// Extra table: adds a method to the DSDT's device \DEVX.
DefinitionBlock ("", "SSDT", 2, "FWLAB", "EXTRA2", 0x00000001)
{
    External (\DEVX, DeviceObj)
    Scope (\DEVX) { Method (SSDM) { Return (0xBEEF) } }
}
