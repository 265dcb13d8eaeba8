// Name: Package element replaced with a String
// Expect: str => "new"
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1, 2})
    Method (MAIN) {
        PKG0 [1] = "new"
        Return (DerefOf (PKG0 [1]))
    }
}
