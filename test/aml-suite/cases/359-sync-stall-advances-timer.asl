// Name: Stall(50) advances Timer by at least 50 us
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Timer
        Stall (50)
        Local1 = Timer
        Return ((Local1 - Local0) >= 500)
    }
}
