// Name: ThermalZone object with a method
// Expect: int => 0xBB8
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Scope (\_TZ) { ThermalZone (TZ00) { Method (_TMP) { Return (3000) } } }
    Method (MAIN) { Return (\_TZ.TZ00._TMP ()) }
}
