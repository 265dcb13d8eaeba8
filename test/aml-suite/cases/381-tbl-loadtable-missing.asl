// Name: LoadTable of a table the firmware does not have returns zero
// Expect: int => 0x0
// Group: table loading (Load/Unload)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = LoadTable ("OEM9", "FWLAB", "NOTTHERE")
        Return (Local0)
    }
}
