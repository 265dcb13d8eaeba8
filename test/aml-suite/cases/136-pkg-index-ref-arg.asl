// Name: An Index reference passed as an argument reads the element
// Expect: int => 0x30
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {0x10, 0x20, 0x30})
    Method (GETR, 1) { Return (DerefOf (Arg0)) }
    Method (MAIN) { Return (GETR (Index (PKG0, 2))) }
}
