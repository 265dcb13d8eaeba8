// Name: If predicate from a String converts to Integer
// Expect: int => 0x1
// Group: conversions (implicit)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = "1"
        If (Local0) { Return (1) }
        Return (0)
    }
}
