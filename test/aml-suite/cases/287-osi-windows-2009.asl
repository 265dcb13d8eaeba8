// Name: The usual OSYS pattern selects Windows 7 or later
// Expect: int => 0x7DF
// Group: _OSI / _OS / _REV
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (OSYS, 0)
    Method (MAIN) {
        OSYS = 0x07D0
        If (CondRefOf (\_OSI)) {
            If (\_OSI ("Windows 2009")) { OSYS = 0x07D9 }
            If (\_OSI ("Windows 2012")) { OSYS = 0x07DC }
            If (\_OSI ("Windows 2015")) { OSYS = 0x07DF }
        }
        Return (OSYS)
    }
}
