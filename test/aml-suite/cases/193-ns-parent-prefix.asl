// Name: Parent prefix reaches a sibling
// Expect: int => 0x33
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Device (DEV0) {
        Name (VALA, 0x33)
        Device (DEV1) { Method (GETV) { Return (^^VALA) } }
    }
    Method (MAIN) { Return (\DEV0.DEV1.GETV ()) }
}
