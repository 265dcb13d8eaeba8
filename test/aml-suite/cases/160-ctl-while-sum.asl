// Name: While loop sums 0..99
// Expect: int => 0x1356
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Local1 = 0
        While (Local1 < 100) { Local0 += Local1
            Local1++ }
        Return (Local0)
    }
}
