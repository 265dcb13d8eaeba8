// Name: \_REV is 2
// Expect: int => 0x2
// Group: _OSI / _OS / _REV
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (\_REV) }
}
