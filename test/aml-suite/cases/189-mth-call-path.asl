// Name: Call a method by absolute path inside a device
// Expect: int => 0x2A
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Method (GETV) { Return (0x2A) } }
    Method (MAIN) { Return (\DEV0.GETV ()) }
}
