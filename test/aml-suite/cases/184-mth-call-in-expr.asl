// Name: Method calls nested in an expression
// Expect: int => 0x19
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SQR, 1) { Return (Arg0 * Arg0) }
    Method (MAIN) { Return (SQR (3) + SQR (4)) }
}
