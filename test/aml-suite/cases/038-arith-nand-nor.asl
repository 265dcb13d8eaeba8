// Name: NAnd and NOr
// Expect: int => 0xFFFFFFFFFFFFFFFE
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (And (NAnd (0xF, 0x1), NOr (0x0, 0x1))) }
}
