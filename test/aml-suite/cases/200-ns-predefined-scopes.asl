// Name: Predefined root scopes exist and accept objects
// Expect: int => 0x1F
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Scope (\_GPE) { Name (VAL1, 1) }
    Scope (\_PR) { Name (VAL2, 2) }
    Scope (\_SB) { Name (VAL4, 4) }
    Scope (\_SI) { Name (VAL8, 8) }
    Scope (\_TZ) { Name (VALG, 0x10) }
    Method (MAIN) { Return (\_GPE.VAL1 | \_PR.VAL2 | \_SB.VAL4 | \_SI.VAL8 | \_TZ.VALG) }
}
