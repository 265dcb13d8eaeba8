// Name: OnesOp compares equal to all bits set
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Ones == 0xFFFFFFFFFFFFFFFF) }
}
