// Name: Serialized method with a SyncLevel calls another
// Expect: int => 0x6
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (SER1, 1, Serialized, 3) { Return (Arg0 + 1) }
    Method (SER0, 1, Serialized, 1) { Return (SER1 (Arg0) + 1) }
    Method (MAIN) { Return (SER0 (4)) }
}
