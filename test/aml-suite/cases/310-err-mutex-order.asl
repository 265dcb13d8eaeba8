// Name: Acquiring a lower SyncLevel mutex while holding a higher one
// Expect: error => AE_AML_MUTEX_ORDER
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTXH, 8)
    Mutex (MTXL, 2)
    Method (MAIN) {
        Acquire (MTXH, 0xFFFF)
        Acquire (MTXL, 0xFFFF)
        Return (0)
    }
}
