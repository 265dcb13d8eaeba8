// Name: Module-level code sees objects defined before it
// Expect: int => 0x15
// Group: table loading (Load/Unload)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (VALA, 0x10)
    Name (VALB, 0)
    VALB = VALA + 5
    Method (MAIN) { Return (VALB) }
}
