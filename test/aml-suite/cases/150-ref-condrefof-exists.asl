// Name: CondRefOf of an existing object
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 1)
    Method (MAIN) { Return (CondRefOf (INT0)) }
}
