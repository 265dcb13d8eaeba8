// Name: XOr, NAnd, NOr and LOr on runtime values
// Expect: int => 0xFFFFFFFFFFFFF000
// Group: arithmetic
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0x0FF0
        Local1 = 0x00FF
        Local2 = XOr (Local0, Local1)
        Local3 = NAnd (Local2, 0xFF)
        Local4 = NOr (Local0, Local1)
        If (LOr (Local3 == 0, Local4 == 0)) { Return (0) }
        Return (And (Local3, Not (Local2 & 0xF00)) & Local4 | 0xFFFFFFFFFFFFF000)
    }
}
