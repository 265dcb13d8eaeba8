// Name: Store through Index into a Buffer
// Expect: int => 0x0155
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2, 3})
    Method (MAIN) {
        BUF0 [1] = 0x55
        Return ((DerefOf (BUF0 [0]) << 8) | DerefOf (BUF0 [1]))
    }
}
