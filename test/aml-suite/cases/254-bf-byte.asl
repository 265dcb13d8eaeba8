// Name: CreateByteField read
// Expect: int => 0x22
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0x11, 0x22, 0x33})
    CreateByteField (BUF0, 1, BYT1)
    Method (MAIN) { Return (BYT1) }
}
