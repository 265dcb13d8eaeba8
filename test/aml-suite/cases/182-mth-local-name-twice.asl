// Name: A method creating a Name can run twice
// Expect: int => 0x22
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MKNM, 1) {
        Name (TMP0, 0)
        TMP0 = Arg0 * 2
        Return (TMP0)
    }
    Method (MAIN) {
        MKNM (1)
        Return (MKNM (0x11))
    }
}
