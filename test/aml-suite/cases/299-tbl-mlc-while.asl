// Name: Module-level While loop runs at load
// Expect: int => 0xA
// Group: table loading (Load/Unload)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (CNT0, 0)
    While (CNT0 < 10) { CNT0++ }
    Method (MAIN) { Return (CNT0) }
}
