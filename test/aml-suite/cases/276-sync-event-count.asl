// Name: Each Signal satisfies one Wait
// Expect: int => 0x1
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Event (EVT0)
    Method (MAIN) {
        Signal (EVT0)
        Signal (EVT0)
        Local0 = Wait (EVT0, 0)
        Local0 |= Wait (EVT0, 0)
        If (Local0 == 0) { Return (1) }
        Return (0)
    }
}
