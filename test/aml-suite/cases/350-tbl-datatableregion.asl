// Name: DataTableRegion maps the DSDT header
// Expect: int => 0x54445344
// Group: table loading (Load/Unload)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    DataTableRegion (DTR0, "DSDT", "", "")
    Field (DTR0, AnyAcc, NoLock, Preserve) { SIG0, 32 }
    Method (MAIN) { Return (SIG0) }
}
