// Name: Mutex can be acquired again after release
// Expect: int => 0x0
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTX0, 3)
    Method (MAIN) {
        Acquire (MTX0, 0xFFFF)
        Release (MTX0)
        Local0 = Acquire (MTX0, 0)
        Release (MTX0)
        Return (Local0)
    }
}
