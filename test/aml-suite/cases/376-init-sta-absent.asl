// Name: A device whose _STA is 0 is not initialized, nor are its children
// Expect: int => 0x0
// Group: notify and events (_STA/_INI walk)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (FLAG, 0)
    Device (DEV0) {
        Method (_STA) { Return (0) }
        Method (_INI) { FLAG |= 1 }
        Device (CHLD) { Method (_INI) { FLAG |= 2 } }
    }
    Method (MAIN) { Return (FLAG) }
}
