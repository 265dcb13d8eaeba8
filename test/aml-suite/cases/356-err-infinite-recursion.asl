// Name: Unbounded recursion hits the call-depth limit instead of crashing
// Expect: error => AE_AML_METHOD_LIMIT
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (RECU, 1) { Return (RECU (Arg0 + 1)) }
    Method (MAIN) { Return (RECU (0)) }
}
