// Name: An External that is never defined does not break loading
// Expect: int => 0x3
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    External (\UNDF, MethodObj)
    External (\UNDI, IntObj)
    Method (MAIN) { Return (3) }
}
