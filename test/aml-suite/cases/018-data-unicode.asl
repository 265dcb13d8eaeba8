// Name: Unicode() builds a UTF-16 buffer with terminator
// Expect: int => 0x6
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (UNI0, Unicode ("AB"))
    Method (MAIN) { Return (SizeOf (UNI0)) }
}
