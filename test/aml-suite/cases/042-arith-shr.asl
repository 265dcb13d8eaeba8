// Name: ShiftRight is logical
// Expect: int => 0x7FFFFFFFFFFFFFFF
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0xFFFFFFFFFFFFFFFF >> 1) }
}
