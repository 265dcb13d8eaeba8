// Name: CreateField write keeps other bits
// Expect: int => 0x1AF
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0xFF, 0x00})
    CreateField (BUF0, 4, 5, FLD0)
    Method (MAIN) {
        FLD0 = 0x1A
        Return ((DerefOf (BUF0 [1]) << 8) | DerefOf (BUF0 [0]))
    }
}
