// Name: Buffer initializer longer than size takes the initializer length
// Expect: int => 0x4
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 2
        Local1 = Buffer (Local0) {9, 8, 7, 6}
        Return (SizeOf (Local1))
    }
}
