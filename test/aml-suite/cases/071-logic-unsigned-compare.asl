// Name: Comparisons are unsigned
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0xFFFFFFFFFFFFFFFF > 1) }
}
