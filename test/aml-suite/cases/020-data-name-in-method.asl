// Name: Name declared inside a method
// Expect: int => 0x77
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Name (LOC0, 0x77)
        Return (LOC0)
    }
}
