// Name: CreateWordField read is little endian
// Expect: int => 0x3322
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0x11, 0x22, 0x33})
    CreateWordField (BUF0, 1, WRD1)
    Method (MAIN) { Return (WRD1) }
}
