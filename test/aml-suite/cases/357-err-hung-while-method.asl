// Name: A While that never ends aborts the method with a loop timeout
// Expect: error => AE_AML_LOOP_TIMEOUT
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (SPIN, 1)
    Method (HANG) { While (SPIN) { Noop } }
    Method (MAIN) {
        HANG ()
        Return (1)
    }
}
