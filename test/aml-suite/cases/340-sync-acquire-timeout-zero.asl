// Name: Acquire with timeout 0 of a free mutex succeeds
// Expect: int => 0x0
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTX0, 15)
    Method (MAIN) {
        Local0 = Acquire (MTX0, 0)
        Release (MTX0)
        Return (Local0)
    }
}
