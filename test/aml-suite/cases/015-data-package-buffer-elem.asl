// Name: Buffer element inside a package
// Expect: int => 0xBB
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {Buffer () {0xAA, 0xBB}})
    Method (MAIN) { Return (DerefOf (DerefOf (PKG0 [0]) [1])) }
}
