// Name: Code after a broken loop runs
// Expect: int => 0x64
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        While (One) { Break }
        Local0 = 100
        Return (Local0)
    }
}
