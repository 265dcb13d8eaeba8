// Name: CopyObject String into a named Integer changes its type
// Expect: str => "now a string"
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 1)
    Method (MAIN) {
        CopyObject ("now a string", INT0)
        Return (INT0)
    }
}
