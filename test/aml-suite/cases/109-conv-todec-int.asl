// Name: ToDecimalString of an Integer
// Expect: str => "123"
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToDecimalString (123)) }
}
