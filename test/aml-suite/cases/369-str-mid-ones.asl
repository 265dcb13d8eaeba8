// Name: Mid with Ones as length takes the rest
// Expect: str => "world"
// Group: strings and buffers
// ACPICA: error => SEGFAULT
// Divergence: ACPI 6.5 §19.6.86 says Mid returns the characters up to the end when Index + Length exceeds the source; acpiexec 20200925 crashes (length overflow) — fwlab follows the specification
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = Ones
        Return (Mid ("hello world", 6, Local0))
    }
}
