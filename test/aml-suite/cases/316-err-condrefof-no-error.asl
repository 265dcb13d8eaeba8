// Name: CondRefOf on missing paths never raises
// Expect: int => 0x0
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\NO00.NO01, IntObj)
    Method (MAIN) { Return (CondRefOf (\NO00.NO01)) }
}
