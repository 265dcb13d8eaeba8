// Name: ToInteger skips leading whitespace and stops at garbage
// Expect: int => 0x7B
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToInteger ("  123abc")) }
}
