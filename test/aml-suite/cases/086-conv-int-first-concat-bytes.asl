// Name: Concatenate Integer first puts the second integer at byte 8
// Expect: int => 0x41
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Local0 = Concatenate (1, 0x41)
        Return (DerefOf (Local0 [8])) }
}
