// Name: Concatenate String with an Integer converts it to hex (NT: lower case, no leading zeros)
// Expect: str => "ID=2a"
// Group: conversions (implicit)
// ACPICA: str => "ID=000000000000002A"
// Divergence: NT joins an Integer to a String as short lower-case hex (uACPI indices-1: 0xDEADBEEF prints as "deadbeef"); ACPICA uses 16 upper-case digits
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Concatenate ("ID=", 42)) }
}
