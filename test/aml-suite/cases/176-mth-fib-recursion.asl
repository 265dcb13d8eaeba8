// Name: Doubly recursive Fibonacci
// Expect: int => 0x37
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (FIB, 1) { If (Arg0 < 2) { Return (Arg0) }
        Return (FIB (Arg0 - 1) + FIB (Arg0 - 2)) }
    Method (MAIN) { Return (FIB (10)) }
}
