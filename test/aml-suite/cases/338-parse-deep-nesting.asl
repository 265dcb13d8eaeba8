// Name: Deeply nested expressions
// Expect: int => 0x2D
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Add (Add (Add (Add (Add (Add (Add (Add (Add (1, 2), 3), 4), 5), 6), 7), 8), 9), 0)) }
}
