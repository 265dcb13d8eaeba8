// Name: Reset clears pending signals
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Event (EVT0)
    Method (MAIN) {
        Signal (EVT0)
        Reset (EVT0)
        Return (Wait (EVT0, 1) && One)
    }
}
