// Name: Equal prefix strings of different length are not equal
// Expect: int => 0x0
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return ("abc" == "abcd") }
}
