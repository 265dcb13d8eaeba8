// Name: ZeroOp, OneOp and OnesOp sum (Ones wraps)
// Expect: int => 0x0
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Add (Add (Zero, One), Ones)) }
}
