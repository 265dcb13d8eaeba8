// Name: A Buffer needing a three-byte PkgLength
// Expect: int => 0x1000
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BIG0, Buffer (0x1000) {0x01})
    Method (MAIN) { Return (SizeOf (BIG0)) }
}
