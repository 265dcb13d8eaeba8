// Name: Increment/Decrement of a Local holding Index(Package, n) update the package element
// Expect: int => 0x170F
// Group: packages and references
// ACPICA: error => AE_AML_OPERAND_TYPE
// Divergence: NT (uACPI increment-fields) treats a LocalX holding an Index reference as the element it designates; ACPICA rejects the reference operand
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local1 = Package () { 0x14, 0x16 }
        Local2 = Index (Local1, 1)
        Increment (Local2)
        Local3 = Index (Local1, 0)
        Decrement (Local3)
        Decrement (Local3)
        Decrement (Local3)
        Decrement (Local3)
        Decrement (Local3)
        Return ((DerefOf (Local1[1]) << 8) | DerefOf (Local1[0]))
    }
}
