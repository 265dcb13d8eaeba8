// Name: \_SB._INI runs during initialization
// Expect: int => 0x5
// Group: notify and events (_STA/_INI walk)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (FLAG, 0)
    Scope (\_SB) { Method (_INI) { FLAG = 5 } }
    Method (MAIN) { Return (FLAG) }
}
