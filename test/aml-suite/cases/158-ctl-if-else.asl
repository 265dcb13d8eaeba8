// Name: If / Else
// Expect: int => 0x2
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 5
        If (Local0 < 3) { Return (1) } Else { Return (2) }
    }
}
