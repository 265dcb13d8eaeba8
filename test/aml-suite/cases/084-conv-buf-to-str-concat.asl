// Name: Concatenate String with a Buffer
// Expect: str => "A0x01 0x02"
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2})
    Method (MAIN) { Return (Concatenate ("A", BUF0)) }
}
