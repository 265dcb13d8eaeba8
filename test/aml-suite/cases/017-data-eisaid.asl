// Name: EisaId encodes to a compressed integer
// Expect: int => 0x0A0CD041
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (HID0, EisaId ("PNP0C0A"))
    Method (MAIN) { Return (HID0) }
}
