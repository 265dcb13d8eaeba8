// Name: A Package argument is shared with the caller
// Expect: int => 0x55
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1, 2})
    Method (SETP, 1) { Arg0 [0] = 0x55 }
    Method (MAIN) {
        SETP (PKG0)
        Return (DerefOf (PKG0 [0]))
    }
}
