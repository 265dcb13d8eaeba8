// Name: A Serialized method may call itself
// Expect: int => 0x4
// Group: synchronization
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SREC, 1, Serialized) {
        If (Arg0 == 0) { Return (0) }
        Return (1 + SREC (Arg0 - 1))
    }
    Method (MAIN) { Return (SREC (4)) }
}
