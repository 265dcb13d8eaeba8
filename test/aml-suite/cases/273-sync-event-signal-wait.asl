// Name: Wait on a signalled Event succeeds
// Expect: int => 0x0
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Event (EVT0)
    Method (MAIN) {
        Signal (EVT0)
        Return (Wait (EVT0, 0xFFFF))
    }
}
