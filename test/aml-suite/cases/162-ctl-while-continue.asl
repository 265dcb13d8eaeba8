// Name: While with Continue counts even numbers
// Expect: int => 0x5
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Local1 = 0
        While (Local0 < 10) {
            Local0++
            If (Local0 & 1) { Continue }
            Local1++
        }
        Return (Local1)
    }
}
