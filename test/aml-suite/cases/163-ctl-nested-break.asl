// Name: Break leaves only the innermost While
// Expect: int => 0x15
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Local2 = 0
        While (Local0 < 7) {
            Local1 = 0
            While (One) {
                If (Local1 == 3) { Break }
                Local1++
                Local2++
            }
            Local0++
        }
        Return (Local2)
    }
}
