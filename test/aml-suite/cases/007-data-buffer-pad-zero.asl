// Name: Padding bytes of a Buffer are zero
// Expect: int => 0x0
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (8) {1, 2, 3})
    Method (MAIN) { Return (DerefOf (BUF0 [7])) }
}
