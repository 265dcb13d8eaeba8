// Name: ToString with Ones as length reads to the end
// Expect: str => "ABCD"
// Group: conversions (explicit ToXxx)
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) { Return (ToString (Buffer () {0x41, 0x42, 0x43, 0x44}, Ones)) }
}
