// Name: A returned RefOf(Local) stays usable by the caller
// Expect: int => 0x99
// Group: packages and references
// ACPICA: error => AE_TYPE
// Divergence: NT/uACPI keep the referenced method-local object alive after the method returns (aml-interpreters.md §3); ACPICA fails with AE_TYPE
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MKRF) {
        Local0 = 0x99
        Return (RefOf (Local0))
    }
    Method (MAIN) { Return (DerefOf (MKRF ())) }
}
