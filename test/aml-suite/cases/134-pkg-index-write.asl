// Name: Store through Index into a Package element
// Expect: int => 0x99
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {0x10, 0x20, 0x30})
    Method (MAIN) {
        PKG0 [2] = 0x99
        Return (DerefOf (PKG0 [2]))
    }
}
