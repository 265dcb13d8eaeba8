// Name: SizeOf through a reference
// Expect: int => 0x5
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "hello")
    Method (MAIN) {
        Local0 = RefOf (STR0)
        Return (SizeOf (Local0))
    }
}
