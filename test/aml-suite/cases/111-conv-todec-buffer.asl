// Name: ToDecimalString of a Buffer
// Expect: str => "1,171"
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToDecimalString (Buffer () {1, 0xAB})) }
}
