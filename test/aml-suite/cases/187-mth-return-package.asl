// Name: Method returning a Package
// Expect: int => 0x3
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MKPK) { Return (Package () {1, 2, 3}) }
    Method (MAIN) { Local0 = MKPK ()
        Return (SizeOf (Local0)) }
}
