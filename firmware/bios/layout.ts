/** Where fwlab's BIOS keeps its real-mode code in the F-segment (after the malloc zone 0xF5000-0xF6000). */

/** One trap stub per served vector, BIOS_STUB_SIZE bytes each, in vector order of SERVED_VECTORS. */
export const STUB_BASE = 0xf6000;
/** `cli; hlt; jmp $-2`: where a caller goes when there is nothing left to boot, and where APs park. */
export const HALT_LOOP_ADDR = 0xf6800;
export const HALT_LOOP_CODE: readonly number[] = [0xfa, 0xf4, 0xeb, 0xfd];
/**
 * The flat GDT a loader enters 32-bit protected mode through (multiboot: CS 08h, data 10h), the
 * five descriptors QEMU's multiboot option ROM carries: null, 32-bit code and data (base 0, 4 GiB),
 * 16-bit code and data (base 0, 64 KiB).
 */
export const FLAT_GDT_ADDR = 0xf6810;
export const FLAT_GDT_ENTRIES = 5;
export const FLAT_CODE32_SELECTOR = 0x08;
export const FLAT_DATA32_SELECTOR = 0x10;
/** The IBM-compatible IRET for unused vectors, F000:FF53. */
export const IRET_ADDR = 0xfff53;
/** Vectors with a trap stub: hardware IRQs (EOI, timer tick, keyboard) and the BIOS services. */
export const SERVED_VECTORS: readonly number[] = [
  0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
  0x10, 0x11, 0x12, 0x15, 0x16, 0x18, 0x19, 0x1a,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
  0x13,
];
/** The real-mode reset vector F000:FFF0 in the shadowed F-segment, and the IBM POST entry F000:E05B it jumps to. */
export const RESET_VECTOR_ADDR = 0xffff0;
export const POST_ENTRY_ADDR = 0xfe05b;
/**
 * SeaBIOS's diskette parameter tables: the 11-byte one at the IBM-fixed F000:EFC7 and the extended
 * one (with max track, data rate and drive type) int 1Eh and int 13h AH=08h point to.
 */
export const DISKETTE_PARAM_TABLE_ADDR = 0xfefc7;
export const DISKETTE_PARAM_TABLE2_ADDR = 0xf6840;
/** What an S3 resume reads back (firmware/s3/resume-vars.ts), after the 14-byte table above. */
export const RESUME_VARS_ADDR = 0xf6850;
/**
 * The APM BIOS's 16- and 32-bit protected-mode entry points (int 15h 5302h/5303h): where Debian's
 * SeaBIOS 1.16.2 build has entry_apm16 / entry_apm32 (F000:D157, F000:D198, as QEMU answers them), so a
 * caller records the same interface (firmware/bios/apm.ts).
 */
export const APM16_ENTRY_ADDR = 0xfd157;
export const APM32_ENTRY_ADDR = 0xfd198;
