// Name: ObjectType of a buffer field
// Expect: int => 0xE
// Group: object types
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (BUF0, Buffer (4) {})
    CreateByteField (BUF0, 1, BF00)
    Method (MAIN) { Return (ObjectType (BF00)) }
}
