// Name: A device with _STA 0x0F is initialized
// Expect: int => 0x3
// Group: notify and events (_STA/_INI walk)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (FLAG, 0)
    Device (DEV0) {
        Method (_STA) { Return (0x0F) }
        Method (_INI) { FLAG |= 1 }
        Device (CHLD) { Method (_INI) { FLAG |= 2 } }
    }
    Method (MAIN) { Return (FLAG) }
}
