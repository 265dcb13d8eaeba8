// Name: Wait on an unsignalled Event times out with a non-zero result
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Event (EVT0)
    Method (MAIN) { Return (Wait (EVT0, 10) && One) }
}
