// Name: Concatenate Integer first gives a 16-byte Buffer
// Expect: int => 0x10
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = Concatenate (1, 0x41)
        Return (SizeOf (Local0)) }
}
