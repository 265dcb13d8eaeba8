// Name: RefOf(Local) passed as an argument allows write-through
// Expect: int => 0x99
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SETR, 1) { Arg0 = 0x99 }
    Method (MAIN) {
        Local0 = 1
        SETR (RefOf (Local0))
        Return (Local0)
    }
}
