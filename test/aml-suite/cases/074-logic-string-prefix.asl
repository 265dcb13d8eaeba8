// Name: Shorter string with a common prefix is less
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return ("ab" < "abc") }
}
