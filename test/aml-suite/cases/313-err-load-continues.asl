// Name: A failing module-level statement does not stop the table load
// Expect: int => 0x77
// Group: error cases
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (ZR00, 0)
    Name (RES0, 0)
    If (One) { RES0 = 1 / ZR00 }
    Name (AFTR, 0x77)
    Method (MAIN) { Return (AFTR) }
}
