// Name: Nested calls with target operands
// Expect: int => 0x1C
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (ADD2, 2) { Return (Arg0 + Arg1) }
    Method (MAIN) {
        Add (ADD2 (1, 2), ADD2 (3, 4), Local0)
        Multiply (Local0, 2, Local1)
        Return (Local1 + 8)
    }
}
