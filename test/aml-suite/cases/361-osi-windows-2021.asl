// Name: _OSI("Windows 2021") is true for an OSPM emulating current Windows
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: _OSI / _OS / _REV
// ACPICA: int => 0x0
// Divergence: acpiexec 20200925's _OSI list ends at "Windows 2019"; current Windows, current ACPICA and uACPI answer true up to "Windows 2022"
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (_OSI ("Windows 2021")) }
}
