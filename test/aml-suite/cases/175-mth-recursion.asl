// Name: Recursive factorial
// Expect: int => 0x375F00
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (FACT, 1) {
        If (Arg0 <= 1) { Return (1) }
        Return (Arg0 * FACT (Arg0 - 1))
    }
    Method (MAIN) { Return (FACT (10)) }
}
