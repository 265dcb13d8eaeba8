// Name: ToBuffer of a Buffer is a copy
// Expect: int => 0x3
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { ToBuffer (Buffer () {1, 2, 3}, Local0)
        Return (SizeOf (Local0)) }
}
