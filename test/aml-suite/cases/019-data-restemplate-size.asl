// Name: ResourceTemplate ends with an EndTag
// Expect: int => 0x79
// Group: data objects
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (RT00, ResourceTemplate () { IO (Decode16, 0x0060, 0x0060, 0x01, 0x01) })
    Method (MAIN) { Return (DerefOf (RT00 [8])) }
}
