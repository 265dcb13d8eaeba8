// Name: Continue inside nested If in nested While
// Expect: int => 0x24
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Local3 = 0
        While (Local0 < 4) {
            Local0++
            Local1 = 0
            While (Local1 < 10) {
                Local1++
                If (Local1 > 2) {
                    If (Local1 < 10) { Continue }
                }
                Local3 += 3
            }
        }
        Return (Local3)
    }
}
