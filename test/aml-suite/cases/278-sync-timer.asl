// Name: Timer is monotonic
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Timer
        Sleep (1)
        Local1 = Timer
        Return (Local1 > Local0)
    }
}
