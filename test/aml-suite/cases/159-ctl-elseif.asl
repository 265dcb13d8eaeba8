// Name: If / ElseIf / Else chain
// Expect: int => 0x3
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (CLAS, 1) {
        If (Arg0 == 1) { Return (1) }
        ElseIf (Arg0 == 2) { Return (2) }
        ElseIf (Arg0 == 3) { Return (3) }
        Else { Return (0xFF) }
    }
    Method (MAIN) { Return (CLAS (3)) }
}
