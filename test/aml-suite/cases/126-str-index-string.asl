// Name: Index into a String yields the character code
// Expect: int => 0x42
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "ABC")
    Method (MAIN) { Return (DerefOf (Index (STR0, 1))) }
}
