// Name: Package NumElements larger than the initializer list
// Expect: int => 0x6
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package (6) {1, 2, 3})
    Method (MAIN) { Return (SizeOf (PKG0)) }
}
