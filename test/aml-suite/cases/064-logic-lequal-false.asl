// Name: LEqual false is zero
// Expect: int => 0x0
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0x10 == 0x11) }
}
