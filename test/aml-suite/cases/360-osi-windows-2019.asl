// Name: _OSI("Windows 2019") is true
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: _OSI / _OS / _REV
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (_OSI ("Windows 2019")) }
}
