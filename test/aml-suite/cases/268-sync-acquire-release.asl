// Name: Acquire returns zero on success
// Expect: int => 0x0
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTX0, 0)
    Method (MAIN) {
        Local0 = Acquire (MTX0, 0xFFFF)
        Release (MTX0)
        Return (Local0)
    }
}
