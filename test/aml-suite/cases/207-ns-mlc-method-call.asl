// Name: Module-level code calls a method
// Expect: int => 0x9
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (GVAR, 0)
    Method (SETG, 1) { GVAR = Arg0 }
    SETG (9)
    Method (MAIN) { Return (GVAR) }
}
