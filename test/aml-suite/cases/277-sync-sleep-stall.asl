// Name: Sleep and Stall return normally
// Expect: int => 0x3
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Sleep (1)
        Stall (10)
        Return (3)
    }
}
