// Name: LEqual on integers
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (LEqual (0x10, 16)) }
}
