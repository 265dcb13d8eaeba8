// Name: Calling a method that no table defines
// Expect: error => AE_NOT_FOUND
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\MISS, MethodObj)
    Method (MAIN) { Return (\MISS ()) }
}
