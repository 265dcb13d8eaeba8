// Name: ToInteger(String): sign, octal/hex prefixes, trailing garbage and saturation on overflow as NT
// Expect: int => 0
// Group: implicit/explicit conversions
// ACPICA: int => 0x3F
// Divergence: NT (uACPI to-integer) accepts a sign, a leading 0 as octal, and saturates on overflow; ACPICA reads decimal/0x-hex only and stops at the sign
DefinitionBlock ("", "DSDT", 2, "FWLAB", "AMLSUITE", 0x00000001)
{
    Name (FAIL, 0)
    Method (CHEK, 3) {
        If (Arg0 != Arg1) { FAIL |= Arg2 }
    }
    Method (MAIN) {
        CHEK (ToInteger ("+123"), 123, 0x01)
        CHEK (ToInteger ("-123"), 0xFFFFFFFFFFFFFF85, 0x02)
        CHEK (ToInteger ("0123"), 83, 0x04)
        CHEK (ToInteger ("99999999999999999999999"), 0xFFFFFFFFFFFFFFFF, 0x08)
        CHEK (ToInteger ("0xDEADBEEFCAFEBABE1"), 0xFFFFFFFFFFFFFFFF, 0x10)
        CHEK (ToInteger ("-0xDEADBEF HELLO"), 0xFFFFFFFFF2152411, 0x20)
        CHEK (ToInteger ("  0X1fz"), 0x1F, 0x40)
        CHEK (ToInteger ("0x"), 0, 0x80)
        CHEK (ToInteger ("123abc"), 123, 0x100)
        Return (FAIL)
    }
}
