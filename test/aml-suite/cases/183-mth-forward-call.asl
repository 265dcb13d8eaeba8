// Name: Call of a method defined later in the table
// Expect: int => 0x3
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (LATR (1, 2)) }
    Method (LATR, 2) { Return (Arg0 + Arg1) }
}
