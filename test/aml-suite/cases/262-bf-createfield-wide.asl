// Name: CreateField wider than 64 bits reads as a Buffer
// Expect: int => 0x3
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (16) {})
    CreateField (BUF0, 0, 72, WIDE)
    Method (MAIN) {
        Local0 = WIDE
        Return (ObjectType (Local0))
    }
}
