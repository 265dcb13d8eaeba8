// Name: ObjectType of a ThermalZone
// Expect: int => 0xD
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    ThermalZone (TZ00) { }
    Method (MAIN) { Return (ObjectType (TZ00)) }
}
