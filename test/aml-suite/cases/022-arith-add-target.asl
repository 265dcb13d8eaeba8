// Name: Add with a target operand
// Expect: int => 0x30
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Add (0x10, 0x20, Local0)
        Return (Local0) }
}
