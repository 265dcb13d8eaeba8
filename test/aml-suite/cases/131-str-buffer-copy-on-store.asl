// Name: Store of a Buffer to a Local copies it
// Expect: int => 0x1
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2})
    Method (MAIN) {
        Local0 = BUF0
        Local0 [0] = 0x99
        Return (DerefOf (BUF0 [0]))
    }
}
