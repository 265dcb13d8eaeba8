// Name: Increment through a reference argument
// Expect: int => 0xB
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 10)
    Method (INCR, 1) { Local0 = DerefOf (Arg0)
        Arg0 = Local0 + 1 }
    Method (MAIN) {
        INCR (RefOf (INT0))
        Return (INT0)
    }
}
