// Name: DerefOf of a reference to a reference reaches the bottom object
// Expect: int => 0x42
// Group: packages and references
// ACPICA: error => SEGFAULT
// Divergence: NT's DerefOf unwinds every reference level (aml-interpreters.md §3); acpiexec 20200925 crashes (SIGSEGV, exit status still 0) on this case
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0x42
        Local1 = RefOf (Local0)
        Local2 = RefOf (Local1)
        Return (DerefOf (Local2))
    }
}
