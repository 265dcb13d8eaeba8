// Name: ToInteger of a decimal string
// Expect: int => 0xA
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToInteger ("10")) }
}
