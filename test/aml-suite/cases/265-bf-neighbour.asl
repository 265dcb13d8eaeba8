// Name: Writing a byte field leaves the next byte
// Expect: int => 0x55
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0x00, 0x55})
    CreateByteField (BUF0, 0, BYT0)
    Method (MAIN) {
        BYT0 = 0x1234
        Return (DerefOf (BUF0 [1]))
    }
}
