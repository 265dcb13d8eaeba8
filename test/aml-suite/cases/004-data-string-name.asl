// Name: Name holding a String
// Expect: str => "Hello, AML"
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (STR0, "Hello, AML")
    Method (MAIN) { Return (STR0) }
}
