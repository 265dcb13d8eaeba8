// Name: ToDecimalString of Ones (64-bit)
// Expect: str => "18446744073709551615"
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToDecimalString (Ones)) }
}
