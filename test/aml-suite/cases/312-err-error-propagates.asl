// Name: An error in a callee aborts the caller too
// Expect: error => AE_AML_DIVIDE_BY_ZERO
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (REAC, 0)
    Method (BAD0) { Local0 = 0
        Return (1 / Local0) }
    Method (MAIN) {
        BAD0 ()
        REAC = 1
        Return (REAC)
    }
}
