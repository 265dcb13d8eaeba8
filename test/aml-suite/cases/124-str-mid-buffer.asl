// Name: Mid of a Buffer
// Expect: int => 0x3
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Mid (Buffer () {1, 2, 3, 4}, 2, 1, Local0)
        Return (DerefOf (Local0 [0])) }
}
