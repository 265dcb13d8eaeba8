// Name: Package stored in a Local
// Expect: int => 0x4
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Package () {1, 2, 3, 4}
        Return (SizeOf (Local0))
    }
}
