// Extra table for the namespace cases: a method and an integer a DSDT reaches through External.
DefinitionBlock ("", "SSDT", 2, "FWLAB", "EXTRA1", 0x00000001)
{
    Name (EXTV, 0xCAFE)
    Method (EXT1, 2) { Return (Arg0 + Arg1) }
}
