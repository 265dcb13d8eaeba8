// Name: ToBuffer of an Integer gives 8 bytes
// Expect: int => 0xDE
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { ToBuffer (0xDEADBEEFCAFEBABE, Local0)
        Return (DerefOf (Local0 [7])) }
}
