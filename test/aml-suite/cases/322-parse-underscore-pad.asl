// Name: Short names are padded with underscores
// Expect: int => 0x9
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (AB, 9)
    Method (MAIN) { Return (\AB__) }
}
