// Name: ObjectType of a PowerResource
// Expect: int => 0xB
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    PowerResource (PWR0, 0, 0) { Method (_STA) { Return (1) }
        Method (_ON) { }
        Method (_OFF) { } }
    Method (MAIN) { Return (ObjectType (PWR0)) }
}
