// Name: A store into an Arg holding RefOf(FieldUnit) writes the field; the name stays a field unit
// Expect: int => 0x55A
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (R0, SystemMemory, 0x00100000, 0x10)
    Field (R0, ByteAcc, NoLock, Preserve) { FLD0, 8 }
    Method (WRT, 2) { Arg1 = Arg0 }
    Method (MAIN) {
        FLD0 = 0
        WRT (0x5A, RefOf (FLD0))
        Return ((ObjectType (FLD0) << 8) | FLD0)
    }
}
