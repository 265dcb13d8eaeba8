// Name: Acquiring a lower-level mutex inside a higher SyncLevel serialized method fails
// Expect: error => AE_AML_MUTEX_ORDER
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTXL, 1)
    Method (SERH, 0, Serialized, 9) {
        Acquire (MTXL, 0xFFFF)
        Release (MTXL)
        Return (0)
    }
    Method (MAIN) { Return (SERH ()) }
}
