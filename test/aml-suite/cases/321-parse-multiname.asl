// Name: MultiNamePrefix path with four segments
// Expect: int => 0x4
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEVA) { Device (DEVB) { Device (DEVC) { Name (VALD, 4) } } }
    Method (MAIN) { Return (\DEVA.DEVB.DEVC.VALD) }
}
