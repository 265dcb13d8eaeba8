// Name: Reading an uninitialized Local
// Expect: error => AE_AML_UNINITIALIZED_LOCAL
// Group: error cases
// IaslFlags: -f
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (Local3 + 1) }
}
