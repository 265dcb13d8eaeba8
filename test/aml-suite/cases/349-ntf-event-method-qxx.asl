// Name: EC query-style _Qxx method runs and notifies
// Expect: int => 0x51
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (EC0) {
        Name (_HID, EisaId ("PNP0C09"))
        Name (LAST, 0)
        Method (_Q51) { LAST = 0x51
            Notify (\EC0, 0x80) }
    }
    Method (MAIN) {
        \EC0._Q51 ()
        Return (\EC0.LAST)
    }
}
