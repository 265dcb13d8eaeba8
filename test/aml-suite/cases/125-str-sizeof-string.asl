// Name: SizeOf a String
// Expect: int => 0xB
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "hello world")
    Method (MAIN) { Return (SizeOf (STR0)) }
}
