// Name: ToDecimalString of Ones in rev 1
// Expect: str => "4294967295"
// Group: arithmetic (32-bit rev 1)
DefinitionBlock ("", "DSDT", 1, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToDecimalString (Ones)) }
}
