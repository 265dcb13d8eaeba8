// Name: Add wraps modulo 2^64
// Expect: int => 0x1
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (0xFFFFFFFFFFFFFFFF + 2) }
}
