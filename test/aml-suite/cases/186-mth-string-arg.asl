// Name: String argument and return
// Expect: str => "<x>"
// Group: methods
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (WRAP, 1) { Return (Concatenate (Concatenate ("<", Arg0), ">")) }
    Method (MAIN) { Return (WRAP ("x")) }
}
