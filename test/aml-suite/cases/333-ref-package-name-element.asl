// Name: A NameString package element refers to a named object
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: packages and references
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (LNKA) { Name (_UID, 1) }
    Name (PRT0, Package () { Package () {0xFFFF, 0, LNKA, 0} })
    Method (MAIN) {
        Local0 = DerefOf (PRT0 [0])
        Return (SizeOf (Local0) == 4 && One)
    }
}
