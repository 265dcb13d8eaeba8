// Name: String with escape characters
// Expect: int => 0x5
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "a\tb\nc")
    Method (MAIN) { Return (SizeOf (STR0)) }
}
