// Name: ToString stops at the first NUL
// Expect: str => "AB"
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToString (Buffer () {0x41, 0x42, 0x00, 0x43})) }
}
