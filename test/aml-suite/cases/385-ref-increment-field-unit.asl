// Name: Increment of a 1-bit field unit returns the sum (2) but writes back only the field bit (0)
// Expect: int => 0x20
// Group: fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (NVSM, SystemMemory, 0x00100000, 0x80)
    Field (NVSM, AnyAcc, NoLock, WriteAsZeros) { FILD, 1 }
    Method (MAIN) {
        FILD = 1
        Local0 = Increment (FILD)
        Local1 = FILD
        Return ((Local0 << 4) | Local1)
    }
}
