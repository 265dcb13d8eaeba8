// Name: ConcatenateResTemplate merges two templates with one end tag
// Expect: int => 0xD
// Group: strings and buffers
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (RT00, ResourceTemplate () { IO (Decode16, 0x60, 0x60, 1, 1) })
    Name (RT01, ResourceTemplate () { IRQNoFlags () {1} })
    Method (MAIN) {
        ConcatenateResTemplate (RT00, RT01, Local0)
        Return (SizeOf (Local0))
    }
}
