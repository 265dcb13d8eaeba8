// Extra table: redefines \DUP0 (already in the DSDT), then defines \DUPA.
DefinitionBlock ("", "SSDT", 2, "FWLAB", "EXTRA4", 0x00000001)
{
    Name (DUP0, 5)
    Name (DUPA, 2)
}
