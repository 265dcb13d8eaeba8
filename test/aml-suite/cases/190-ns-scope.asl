// Name: Scope adds objects to an existing device
// Expect: int => 0x5
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Name (VAL0, 2) }
    Scope (DEV0) { Name (VAL1, 3) }
    Method (MAIN) { Return (\DEV0.VAL0 + \DEV0.VAL1) }
}
