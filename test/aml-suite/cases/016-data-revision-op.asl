// Name: Revision opcode returns a non-zero integer
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (LNotEqual (Revision, 0) && One) }
}
