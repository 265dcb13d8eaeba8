// Name: Store to a Local takes the source type
// Expect: int => 0x3
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = "abc"
        Local0 = Buffer () {1}
        Return (ObjectType (Local0))
    }
}
