// Name: Store to a Local replaces the object without conversion
// Expect: str => "text"
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 5
        Local0 = "text"
        Return (Local0)
    }
}
