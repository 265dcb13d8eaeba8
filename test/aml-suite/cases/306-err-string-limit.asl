// Name: Index past the end of a String
// Expect: error => AE_AML_STRING_LIMIT
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "ab")
    Method (MAIN) {
        Local0 = 5
        Return (DerefOf (Index (STR0, Local0)))
    }
}
