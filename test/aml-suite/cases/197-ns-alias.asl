// Name: Alias refers to the same object
// Expect: int => 0x78
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (ORIG, 0x10)
    Alias (ORIG, ALS0)
    Method (MAIN) {
        ALS0 = 0x78
        Return (ORIG)
    }
}
