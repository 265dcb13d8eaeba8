// Name: Concatenate with a Package operand uses the type name
// Expect: str => "x[Package Object]"
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {1})
    Method (MAIN) {
        Local0 = "x"
        Return (Concatenate (Local0, PKG0))
    }
}
