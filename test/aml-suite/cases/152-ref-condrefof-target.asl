// Name: CondRefOf stores a reference to the target
// Expect: int => 0x77
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (INT0, 0x77)
    Method (MAIN) {
        If (CondRefOf (INT0, Local0)) { Return (DerefOf (Local0)) }
        Return (0)
    }
}
