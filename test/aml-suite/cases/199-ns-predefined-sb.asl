// Name: Objects can be placed under the predefined \_SB scope
// Expect: int => 0xFFFFFFFFFFFFFFFF
// Group: namespace
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Scope (\_SB) { Device (PCI0) { Name (_ADR, 0) } }
    Method (MAIN) { Return (CondRefOf (\_SB.PCI0._ADR) && One) }
}
