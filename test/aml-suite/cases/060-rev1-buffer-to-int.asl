// Name: Implicit Buffer to Integer takes 4 bytes in rev 1
// Expect: int => 0x04030201
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Buffer () {1, 2, 3, 4, 5, 6} + 0) }
}
