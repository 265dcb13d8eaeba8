// Name: Alias of a method can be called
// Expect: int => 0x9
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (ORGM, 1) { Return (Arg0 + 1) }
    Alias (ORGM, ALSM)
    Method (MAIN) { Return (ALSM (8)) }
}
