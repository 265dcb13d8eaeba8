// Name: CreateField with a bit offset and width
// Expect: int => 0x3E
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0xF0, 0x03})
    CreateField (BUF0, 3, 6, FLD0)
    Method (MAIN) { Return (FLD0 + 0) }
}
