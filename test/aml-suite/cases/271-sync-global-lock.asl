// Name: Acquire and release the global lock
// Expect: int => 0x0
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Acquire (\_GL, 0xFFFF)
        Release (\_GL)
        Return (Local0)
    }
}
