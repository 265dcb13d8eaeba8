// Name: Divide writes remainder then quotient targets
// Expect: int => 0x0301
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Divide (100, 33, Local0, Local1)
        Return ((Local1 << 8) | Local0)
    }
}
