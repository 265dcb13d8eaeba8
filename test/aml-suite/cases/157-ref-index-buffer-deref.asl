// Name: DerefOf Index into a Buffer yields an Integer
// Expect: int => 0x1
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {0x10, 0x20})
    Method (MAIN) { Return (ObjectType (DerefOf (Index (BUF0, 1)))) }
}
