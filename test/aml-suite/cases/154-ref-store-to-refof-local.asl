// Name: Store to a Local holding RefOf writes through on NT
// Expect: int => 0x141
// Group: packages and references
// ACPICA: int => 0x7B
// Divergence: NT writes through the reference held in the Local (uACPI references tests); ACPICA overwrites the Local itself
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 123
        Local1 = RefOf (Local0)
        Local1 = 321
        Return (Local0)
    }
}
