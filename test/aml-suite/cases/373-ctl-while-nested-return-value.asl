// Name: Return of a computed value from three nested loops
// Expect: int => 0x1B
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (CUBE) {
        Local0 = 0
        Local3 = 0
        While (Local0 < 3) {
            Local1 = 0
            While (Local1 < 3) {
                Local2 = 0
                While (Local2 < 3) { Local3++
                    Local2++ }
                Local1++
            }
            Local0++
        }
        Return (Local3)
    }
    Method (MAIN) { Return (CUBE ()) }
}
