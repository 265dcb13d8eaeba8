// Name: CondRefOf of a missing object is zero without error
// Expect: int => 0x0
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\NOPE, IntObj)
    Method (MAIN) { Return (CondRefOf (\NOPE)) }
}
