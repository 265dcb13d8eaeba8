// Name: Buffer size larger than initializer is zero padded
// Expect: int => 0x8
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (8) {1, 2, 3})
    Method (MAIN) { Return (SizeOf (BUF0)) }
}
