// Name: Method call as the argument of a method call
// Expect: int => 0x51
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SQR, 1) { Return (Arg0 * Arg0) }
    Method (MAIN) { Return (SQR (SQR (3))) }
}
