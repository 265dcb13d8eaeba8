// Name: Increment through several levels of RefOf
// Expect: int => 0x103
// Group: packages and references
// ACPICA: error => AE_AML_OPERAND_TYPE
// Divergence: NT (and uACPI's multilevel_ref test) increments the bottom object through any number of reference levels; ACPICA rejects Increment on a reference to a reference
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0x100
        Local1 = RefOf (Local0)
        Local2 = RefOf (Local1)
        Local3 = RefOf (Local2)
        Increment (Local1)
        Increment (Local2)
        Increment (Local3)
        Return (DerefOf (Local3))
    }
}
