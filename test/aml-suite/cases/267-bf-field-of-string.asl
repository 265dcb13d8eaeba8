// Name: Buffer field of a Buffer built from a String
// Expect: int => 0x42
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        ToBuffer ("ABC", Local0)
        CreateByteField (Local0, 1, CHR1)
        Return (CHR1)
    }
}
