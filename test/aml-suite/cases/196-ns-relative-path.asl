// Name: Relative multi-segment path from a method scope
// Expect: int => 0x66
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) { Device (DEV1) { Name (VALD, 0x66) } }
    Method (MAIN) { Return (^DEV0.DEV1.VALD) }
}
