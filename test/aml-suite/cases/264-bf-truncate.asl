// Name: Writing a wide value to a buffer field truncates
// Expect: int => 0x78
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (2) {})
    CreateByteField (BUF0, 0, BYT0)
    Method (MAIN) {
        BYT0 = 0x12345678
        Return (DerefOf (BUF0 [0]))
    }
}
