// Name: ToHexString of a Buffer is comma separated
// Expect: str => "0x01,0xAB"
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToHexString (Buffer () {0x01, 0xAB})) }
}
