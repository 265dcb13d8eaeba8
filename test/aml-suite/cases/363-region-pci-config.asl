// Name: PCI_Config region of a device: write then read back
// Expect: int => 0x5A
// Group: operation regions and fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (PCI0) {
        Name (_HID, EisaId ("PNP0A03"))
        Name (_ADR, 0)
        Device (DEV0) {
            Name (_ADR, 0x00030000)
            OperationRegion (PCFG, PCI_Config, 0x40, 0x10)
            Field (PCFG, ByteAcc, NoLock, Preserve) { REG0, 8 }
        }
    }
    Method (MAIN) {
        \PCI0.DEV0.REG0 = 0x5A
        Return (\PCI0.DEV0.REG0)
    }
}
