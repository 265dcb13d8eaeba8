// Name: QWordAcc 64-bit field
// Expect: int => 0x1122334455667788
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    OperationRegion (REG0, SystemMemory, 0x30A00, 0x10)
    Field (REG0, QWordAcc, NoLock, Preserve) { QW0, 64 }
    Method (MAIN) {
        QW0 = 0x1122334455667788
        Return (QW0)
    }
}
