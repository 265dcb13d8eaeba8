// Name: Patch a ResourceTemplate through buffer fields (the _CRS pattern)
// Expect: int => 0x3F8
// Group: buffer fields
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (RT00, ResourceTemplate () { IO (Decode16, 0x0000, 0x0000, 0x01, 0x08, _Y00) })
    Method (MAIN) {
        CreateWordField (RT00, \_Y00._MIN, IMIN)
        CreateWordField (RT00, \_Y00._MAX, IMAX)
        IMIN = 0x3F8
        IMAX = 0x3F8
        Return (IMIN)
    }
}
