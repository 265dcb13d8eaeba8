// Name: Acquiring mutexes in increasing SyncLevel order works
// Expect: int => 0x0
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTXA, 1)
    Mutex (MTXB, 5)
    Method (MAIN) {
        Local0 = Acquire (MTXA, 100)
        Local0 |= Acquire (MTXB, 100)
        Release (MTXB)
        Release (MTXA)
        Return (Local0)
    }
}
