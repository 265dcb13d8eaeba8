// Name: A method body needing a two-byte PkgLength
// Expect: int => 0x64
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 1
        Local0 += 80
        Return (Local0)
    }
}
