// Name: A hung module-level While aborts only itself and the load goes on
// Expect: int => 0x1
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (SPIN, 1)
    While (SPIN) { Noop }
    Method (MAIN) { Return (1) }
}
