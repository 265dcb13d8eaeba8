// Name: Method argument counts come from already-parsed methods
// Expect: int => 0x12
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MTWO, 2) { Return (Arg0 * Arg1) }
    Method (MONE, 1) { Return (Arg0 + 1) }
    Method (MAIN) { Return (MTWO (MONE (2), MONE (5))) }
}
