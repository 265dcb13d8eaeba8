// Name: Store to an Arg holding a reference writes through
// Expect: int => 0x42
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 0)
    Method (SETR, 1) { Arg0 = 0x42 }
    Method (MAIN) {
        SETR (RefOf (INT0))
        Return (INT0)
    }
}
