// Name: VarPackage with a runtime count
// Expect: int => 0x5
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 5
        Local1 = Package (Local0) {1}
        Return (SizeOf (Local1))
    }
}
