// Name: A mutex left held by a returning method is released
// Expect: int => 0x0
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTX0, 0)
    Method (GRAB) { Acquire (MTX0, 0xFFFF) }
    Method (MAIN) {
        GRAB ()
        Local0 = Acquire (MTX0, 0)
        Release (MTX0)
        Return (Local0)
    }
}
