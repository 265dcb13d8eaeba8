// Name: \_OS is "Microsoft Windows NT"
// Expect: str => "Microsoft Windows NT"
// Group: _OSI / _OS / _REV
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (\_OS) }
}
