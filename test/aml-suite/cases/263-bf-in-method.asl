// Name: Buffer field created inside a method on a Local buffer
// Expect: int => 0xCDAB
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Buffer () {0xAB, 0xCD, 0xEF}
        CreateWordField (Local0, 0, WRD0)
        Return (WRD0)
    }
}
