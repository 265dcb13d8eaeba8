// Name: A device functional but not present (_STA 8): its _INI is skipped, its children are initialized
// Expect: int => 0x2
// Group: notify and events (_STA/_INI walk)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (FLAG, 0)
    Device (DEV0) {
        Method (_STA) { Return (0x08) }
        Method (_INI) { FLAG |= 1 }
        Device (CHLD) { Method (_INI) { FLAG |= 2 } }
    }
    Method (MAIN) { Return (FLAG) }
}
