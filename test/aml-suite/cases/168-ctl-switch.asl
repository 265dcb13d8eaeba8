// Name: Switch / Case / Default
// Expect: int => 0x20
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SW, 1, Serialized) {
        Switch (ToInteger (Arg0)) {
            Case (1) { Return (0x10) }
            Case (Package () {2, 3}) { Return (0x20) }
            Default { Return (0x30) }
        }
        Return (0)
    }
    Method (MAIN) { Return (SW (3)) }
}
