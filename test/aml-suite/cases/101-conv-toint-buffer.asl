// Name: ToInteger of a Buffer
// Expect: int => 0xBEEF
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToInteger (Buffer () {0xEF, 0xBE})) }
}
