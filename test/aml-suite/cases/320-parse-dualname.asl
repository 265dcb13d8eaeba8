// Name: DualNamePrefix path
// Expect: int => 0x21
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEVA) { Name (VALA, 0x21) }
    Method (MAIN) { Return (\DEVA.VALA) }
}
