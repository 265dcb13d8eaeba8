// Name: All eight locals
// Expect: int => 0x24
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 1
        Local1 = 2
        Local2 = 3
        Local3 = 4
        Local4 = 5
        Local5 = 6
        Local6 = 7
        Local7 = 8
        Return (Local0 + Local1 + Local2 + Local3 + Local4 + Local5 + Local6 + Local7)
    }
}
