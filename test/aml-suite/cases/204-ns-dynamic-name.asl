// Name: A Name created by a method is gone after it returns
// Expect: int => 0x0
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (FLAG, 0)
    Method (MKNM) { Name (DYN0, 1)
        Return (1) }
    Method (MAIN) {
        MKNM ()
        Return (CondRefOf (DYN0))
    }
}
