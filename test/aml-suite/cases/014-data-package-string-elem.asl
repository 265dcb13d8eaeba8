// Name: String element inside a package
// Expect: str => "two"
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {"one", "two", "three"})
    Method (MAIN) { Return (DerefOf (PKG0 [1])) }
}
