// Name: A duplicate definition in a second table does not stop its load
// Expect: int => 0x2
// Group: error cases
// ExtraTables: extra/ssdt-dup.aml
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (DUP0, 1)
    External (\DUPA, IntObj)
    Method (MAIN) { Return (\DUPA) }
}
