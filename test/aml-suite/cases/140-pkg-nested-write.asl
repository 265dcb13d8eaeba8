// Name: Store into a nested package element
// Expect: int => 0xAA
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {Package () {1, 2}, 3})
    Method (MAIN) {
        Local0 = DerefOf (PKG0 [0])
        Local0 [1] = 0xAA
        Return (DerefOf (Local0 [1]))
    }
}
