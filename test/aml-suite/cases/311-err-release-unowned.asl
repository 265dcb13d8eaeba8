// Name: Releasing a mutex that is not held
// Expect: error => AE_AML_MUTEX_NOT_ACQUIRED
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Mutex (MTX0, 0)
    Method (MAIN) {
        Release (MTX0)
        Return (0)
    }
}
