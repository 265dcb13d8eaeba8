// Name: PowerResource object with _STA
// Expect: int => 0x1
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    PowerResource (PWR0, 0, 0) {
        Method (_STA) { Return (1) }
        Method (_ON) { }
        Method (_OFF) { }
    }
    Method (MAIN) { Return (\PWR0._STA ()) }
}
