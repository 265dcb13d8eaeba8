// Name: Index past the end of a Buffer
// Expect: error => AE_AML_BUFFER_LIMIT
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2})
    Method (MAIN) {
        Local0 = 5
        Return (DerefOf (Index (BUF0, Local0)))
    }
}
