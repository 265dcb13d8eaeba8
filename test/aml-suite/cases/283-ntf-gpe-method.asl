// Name: _Lxx method under \_GPE can be called directly
// Expect: int => 0x1
// Group: notify and events
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (HITS, 0)
    Device (DEV0) { }
    Scope (\_GPE) { Method (_L02) { HITS++
        Notify (\DEV0, 0x02) } }
    Method (MAIN) {
        \_GPE._L02 ()
        Return (HITS)
    }
}
