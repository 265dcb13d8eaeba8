// Name: DerefOf a reference obtained from a String path
// Expect: int => 0x5A
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 0x5A)
    Method (MAIN) {
        Local0 = RefOf (\INT0)
        Return (DerefOf (Local0))
    }
}
