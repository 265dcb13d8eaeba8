// Name: ObjectType of a Local holding RefOf(Package)
// Expect: int => 0x4
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1})
    Method (MAIN) {
        Local0 = RefOf (PKG0)
        Return (ObjectType (Local0))
    }
}
