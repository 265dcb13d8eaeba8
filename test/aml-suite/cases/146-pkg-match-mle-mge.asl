// Name: Match with MLE and MGE
// Expect: int => 0x1
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (PKG0, Package () {10, 20, 30})
    Method (MAIN) { Return (Match (PKG0, MGE, 20, MLE, 25, 0)) }
}
