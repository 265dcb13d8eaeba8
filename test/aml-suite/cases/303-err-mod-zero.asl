// Name: Mod by zero aborts the method
// Expect: error => AE_AML_DIVIDE_BY_ZERO
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Return (10 % Local0)
    }
}
