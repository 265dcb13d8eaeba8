// Name: Wait with timeout 0 on an unsignalled Event returns non-zero
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Event (EVT0)
    Method (MAIN) { Return (Wait (EVT0, 0) != 0) }
}
