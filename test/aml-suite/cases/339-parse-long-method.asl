// Name: A method longer than 4 KiB (four-byte PkgLength)
// Expect: int => 0x4B0
// Group: parser / encoding
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Method (MAIN) {
        Local0 = 0
        Local1 = Buffer (0x1100) {0x01}
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x10
        Local0 += 0x4B0 - 0xF0
        Return (Local0)
    }
}
