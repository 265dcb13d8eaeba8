// Name: _OSI("Windows 2006") is true for a Windows-compatible OSPM
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: _OSI / _OS / _REV
// ACPICA: int => 0x0
// Divergence: acpiexec deliberately removes "Windows 2006" from its _OSI list (aetests.c self-test); Windows and uACPI answer true
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (_OSI ("Windows 2006")) }
}
