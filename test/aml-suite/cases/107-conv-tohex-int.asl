// Name: ToHexString of an Integer
// Expect: str => "0x7B"
// Group: conversions (explicit ToXxx)
// ACPICA: str => "000000000000007B"
// Divergence: Windows (as uACPI's to-x test encodes) prints 0x and no leading zeros; ACPICA prints 16 zero-padded digits
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToHexString (123)) }
}
