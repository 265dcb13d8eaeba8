// Name: A Local holding RefOf(Arg) writes an Integer into the caller's String
// Expect: str => "OK"
// Group: packages and references
// ACPICA: str => "AB"
// Divergence: on NT a String argument shares the caller's storage and a store through RefOf(Arg0) copies the integer's bytes into it (uACPI references-3, verified on NT by its author); ACPICA only rebinds the callee's Local
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (TEST, 1) {
        Local0 = RefOf (Arg0)
        Local0 = 0x4B4F
    }
    Method (MAIN) {
        Local0 = "AB"
        TEST (Local0)
        Return (Local0)
    }
}
