// Name: Name holding a QWord integer
// Expect: int => 0x123456789ABCDEF0
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 0x123456789ABCDEF0)
    Method (MAIN) { Return (INT0) }
}
