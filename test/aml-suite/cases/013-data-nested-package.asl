// Name: Nested package element
// Expect: int => 0x33
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1, Package () {0x11, Package () {0x22, 0x33}}})
    Method (MAIN) { Return (DerefOf (DerefOf (DerefOf (PKG0 [1]) [1]) [1])) }
}
