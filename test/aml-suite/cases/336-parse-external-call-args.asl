// Name: A call to an undefined External method inside a false If still parses its arguments
// Expect: int => 0x7
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\XM01, MethodObj)
    Method (MAIN) {
        Local0 = 7
        If (CondRefOf (\XM01)) { Local0 = \XM01 (1, 2) }
        Return (Local0)
    }
}
