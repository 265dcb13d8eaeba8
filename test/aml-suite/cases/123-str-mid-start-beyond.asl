// Name: Mid starting beyond the end is empty
// Expect: int => 0x0
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Mid ("hello", 10, 2, Local0)
        Return (SizeOf (Local0)) }
}
