// Name: A device's _INI runs during initialization, before MAIN
// Expect: int => 0x1
// Group: notify and events (_STA/_INI walk)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (FLAG, 0)
    Device (DEV0) { Method (_INI) { FLAG = 1 } }
    Method (MAIN) { Return (FLAG) }
}
