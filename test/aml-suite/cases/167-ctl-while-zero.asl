// Name: While with a false predicate never runs
// Expect: int => 0x1
// Group: control flow
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 1
        While (Zero) { Local0 = 2 }
        Return (Local0)
    }
}
