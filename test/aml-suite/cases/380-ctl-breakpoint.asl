// Name: BreakPoint is a no-op without a debugger
// Expect: int => 0x9
// Group: control flow
// ACPICA: none => -
// Divergence: acpiexec treats BreakPoint as a debugger break and, in batch mode, ends the evaluation without a result; without a kernel debugger Windows (and the spec: 'used for debugging, no effect otherwise') continues
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        BreakPoint
        Return (9)
    }
}
