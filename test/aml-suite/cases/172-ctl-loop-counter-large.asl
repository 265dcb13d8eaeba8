// Name: While loop of 10000 iterations
// Expect: int => 0x7530
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Local1 = 0
        While (Local1 < 10000) { Local0 += 3
            Local1++ }
        Return (Local0)
    }
}
