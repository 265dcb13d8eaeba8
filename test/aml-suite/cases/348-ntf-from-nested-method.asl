// Name: Notify from a method called inside a loop
// Expect: int => 0x4
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { }
    Name (CNT0, 0)
    Method (SIGN) { Notify (\DEV0, 0x80)
        CNT0++ }
    Method (MAIN) {
        Local0 = 0
        While (Local0 < 4) { SIGN ()
            Local0++ }
        Return (CNT0)
    }
}
