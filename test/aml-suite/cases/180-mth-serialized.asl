// Name: Serialized method runs normally
// Expect: int => 0xA
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SER0, 1, Serialized) { Return (Arg0 * 2) }
    Method (MAIN) { Return (SER0 (5)) }
}
