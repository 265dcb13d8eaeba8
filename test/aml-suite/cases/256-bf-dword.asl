// Name: CreateDWordField write modifies the buffer
// Expect: int => 0xEF
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (8) {})
    CreateDWordField (BUF0, 4, DWD1)
    Method (MAIN) {
        DWD1 = 0xDEADBEEF
        Return (DerefOf (BUF0 [4]))
    }
}
