// Name: Store through Index into a Buffer keeps the low byte
// Expect: int => 0x34
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2, 3})
    Method (MAIN) {
        Index (BUF0, 2) = 0x1234
        Return (DerefOf (BUF0 [2]))
    }
}
