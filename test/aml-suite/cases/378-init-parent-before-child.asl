// Name: A parent's _INI runs before its child's
// Expect: int => 0x12
// Group: notify and events (_STA/_INI walk)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (ORDR, 0)
    Device (DEV0) {
        Method (_INI) { ORDR = (ORDR << 4) | 1 }
        Device (CHLD) { Method (_INI) { ORDR = (ORDR << 4) | 2 } }
    }
    Method (MAIN) { Return (ORDR) }
}
