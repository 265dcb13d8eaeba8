// Name: CreateField reads as a Buffer even when narrow
// Expect: int => 0x3
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0xF0, 0x03})
    CreateField (BUF0, 3, 6, FLD0)
    Method (MAIN) {
        Local0 = FLD0
        Return (ObjectType (Local0))
    }
}
