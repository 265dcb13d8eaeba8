// Name: LAnd and LOr
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (LAnd (LOr (0, 2), 3)) }
}
