// Name: RefOf and DerefOf of a named Integer
// Expect: int => 0x1234
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 0x1234)
    Method (MAIN) {
        Local0 = RefOf (INT0)
        Return (DerefOf (Local0))
    }
}
