// Name: CreateBitField set and clear
// Expect: int => 0x81
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0x01})
    CreateBitField (BUF0, 7, BIT7)
    CreateBitField (BUF0, 0, BIT0)
    Method (MAIN) {
        BIT7 = 1
        BIT0 = 1
        Return (DerefOf (BUF0 [0]))
    }
}
