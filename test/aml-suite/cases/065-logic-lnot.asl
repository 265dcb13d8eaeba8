// Name: LNot of a non-zero value
// Expect: int => 0x0
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (LNot (5)) }
}
