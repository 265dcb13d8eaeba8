// Name: Integer arguments are passed by value
// Expect: int => 0x5
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MODA, 1) { Arg0 = 99
        Return (Arg0) }
    Method (MAIN) {
        Local0 = 5
        MODA (Local0)
        Return (Local0)
    }
}
