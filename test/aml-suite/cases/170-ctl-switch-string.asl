// Name: Switch on a String
// Expect: int => 0x2
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SW, 1, Serialized) {
        Switch (ToString (Arg0)) {
            Case ("abc") { Return (1) }
            Case ("def") { Return (2) }
        }
        Return (0)
    }
    Method (MAIN) { Return (SW ("def")) }
}
