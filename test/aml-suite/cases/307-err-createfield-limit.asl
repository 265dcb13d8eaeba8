// Name: CreateDWordField past the end of the buffer
// Expect: error => AE_AML_BUFFER_LIMIT
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Buffer (2) {}
        CreateDWordField (Local0, 0, DW00)
        Return (DW00)
    }
}
