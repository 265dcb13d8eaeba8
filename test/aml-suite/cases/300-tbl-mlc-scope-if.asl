// Name: Module-level If inside a Scope
// Expect: int => 0x3
// Group: table loading (Load/Unload)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { }
    Scope (DEV0) { If (One) { Name (VAL3, 3) } }
    Method (MAIN) { Return (\DEV0.VAL3) }
}
