// Name: CreateQWordField
// Expect: int => 0x0807060504030201
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2, 3, 4, 5, 6, 7, 8})
    CreateQWordField (BUF0, 0, QWD0)
    Method (MAIN) { Return (QWD0) }
}
