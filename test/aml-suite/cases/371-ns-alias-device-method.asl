// Name: Call a device's method through a root-level Alias
// Expect: int => 0x33
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Method (GETV) { Return (0x33) } }
    Alias (\DEV0.GETV, GETA)
    Method (MAIN) { Return (GETA ()) }
}
