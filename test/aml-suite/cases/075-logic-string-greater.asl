// Name: LGreater on strings
// Expect: int => 0x0
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return ("ABC" > "abc") }
}
