// Name: Return from inside nested While loops
// Expect: int => 0x35
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (FIND) {
        Local0 = 0
        While (Local0 < 10) {
            Local1 = 0
            While (Local1 < 10) {
                If ((Local0 * 10 + Local1) == 35) { Return ((Local0 << 4) | Local1) }
                Local1++
            }
            Local0++
        }
        Return (0xFF)
    }
    Method (MAIN) { Return (FIND ()) }
}
