// Name: ToInteger of a 0x string
// Expect: int => 0x10
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToInteger ("0x10")) }
}
