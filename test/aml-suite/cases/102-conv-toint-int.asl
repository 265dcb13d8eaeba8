// Name: ToInteger of an Integer
// Expect: int => 0x1234
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToInteger (0x1234)) }
}
