// Name: ObjectType of an Event
// Expect: int => 0x7
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Event (EVT0)
    Method (MAIN) { Return (ObjectType (EVT0)) }
}
