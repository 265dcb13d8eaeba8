// Name: Sleep(10) advances Timer by at least 10 ms (100 ns units)
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Timer
        Sleep (10)
        Local1 = Timer
        Return ((Local1 - Local0) >= 100000)
    }
}
