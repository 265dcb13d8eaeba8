// Extra table: module-level code that reads an object of the DSDT during load.
DefinitionBlock ("", "SSDT", 2, "FWLAB", "EXTRA3", 0x00000001)
{
    External (\BASE, IntObj)
    Name (SDRV, 0)
    SDRV = \BASE + 1
}
