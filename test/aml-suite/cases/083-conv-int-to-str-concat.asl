// Name: Concatenate String with an Integer converts it to 16 hex digits
// Expect: str => "ID=000000000000002A"
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Concatenate ("ID=", 42)) }
}
