// Name: ToHexString of a String is the same string
// Expect: str => "123"
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToHexString ("123")) }
}
