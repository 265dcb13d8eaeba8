// Name: Buffer with a runtime size and no initializer
// Expect: int => 0x10
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0x10
        Local1 = Buffer (Local0) {}
        Return (SizeOf (Local1))
    }
}
