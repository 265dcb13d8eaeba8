// Name: A Package with 300 elements uses VarPackage
// Expect: int => 0x12C
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 300
        Local1 = Package (Local0) {}
        Return (SizeOf (Local1))
    }
}
