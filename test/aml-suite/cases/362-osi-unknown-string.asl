// Name: _OSI of an unknown string is false
// Expect: int => 0x0
// Group: _OSI / _OS / _REV
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (_OSI ("FreeBSD")) }
}
