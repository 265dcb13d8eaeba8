// Name: LEqual on buffers
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: logic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer () {1, 2, 3})
    Name (BUF1, Buffer () {1, 2, 3})
    Method (MAIN) { Return (BUF0 == BUF1) }
}
