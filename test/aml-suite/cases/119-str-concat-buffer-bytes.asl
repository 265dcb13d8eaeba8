// Name: Concatenate buffers keeps byte order
// Expect: int => 0x04
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = Concatenate (Buffer () {1, 2}, Buffer () {3, 4, 5})
        Return (DerefOf (Local0 [3])) }
}
