// Name: _OSI("Extended Address Space Descriptor") is true
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: _OSI / _OS / _REV
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (_OSI ("Extended Address Space Descriptor")) }
}
