// Name: While with Break
// Expect: int => 0x7
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        While (One) {
            If (Local0 == 7) { Break }
            Local0++
        }
        Return (Local0)
    }
}
