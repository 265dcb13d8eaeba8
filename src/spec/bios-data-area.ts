/**
 * The real-mode BIOS data: the interrupt vector table, the BIOS data area (segment 0x40) and the
 * extended BIOS data area, as PC BIOSes (and SeaBIOS 1.16.2) lay them out. Offsets are from 0x400.
 */
export const IVT_BASE = 0;
export const BDA_BASE = 0x400;
/** The EBDA: the last KiB of conventional memory, reserved in the e820 map. */
export const EBDA_SEGMENT = 0x9fc0;
export const EBDA_SIZE_KB = 1;

export const BDA = {
  com: 0x00, // 4 × u16 serial port bases
  lpt: 0x08, // 3 × u16 parallel port bases
  ebdaSeg: 0x0e, // u16
  equipment: 0x10, // u16 (int 11h)
  floppyRecalibration: 0x3e, // bit n: drive n recalibrated; bit 7: IRQ 6 seen
  floppyMotorCounter: 0x40, // timer ticks until the motors go off
  floppyLastStatus: 0x41, // int 13h status of the last diskette call
  floppyReturnStatus: 0x42, // 7 result bytes of the last data command (ST0-ST2, C, H, R, N)
  memSizeKb: 0x13, // u16 conventional memory in KiB (int 12h)
  kbdFlags0: 0x17,
  kbdFlags1: 0x18,
  kbdHead: 0x1a, // u16 offset from 0x400 of the next keystroke
  kbdTail: 0x1c, // u16 offset of the next free slot
  kbdBuffer: 0x1e, // 16 × u16 (scan code << 8 | ASCII)
  videoMode: 0x49,
  videoCols: 0x4a, // u16
  videoPageSize: 0x4c, // u16
  videoPageStart: 0x4e, // u16
  cursorPos: 0x50, // 8 × u16 (row << 8 | column)
  cursorShape: 0x60, // u16 (start << 8 | end)
  videoPage: 0x62,
  crtcBase: 0x63, // u16 (0x3D4 colour)
  timerTicks: 0x6c, // u32, 18.2 Hz since midnight
  timerRollover: 0x70,
  diskCount: 0x75, // number of hard disks
  lptTimeout: 0x78, // 3 × u8 printer time-out per parallel port
  floppyLastDataRate: 0x8b,
  floppyMediaState: 0x90, // 2 × u8, drive 0 and 1
  floppyTrack: 0x94, // 2 × u8, the cylinder each drive's head is on
  kbdBufferStart: 0x80, // u16
  kbdBufferEnd: 0x82, // u16
  videoRows: 0x84, // rows - 1
  charHeight: 0x85, // u16
} as const;

export const KBD_BUFFER_SLOTS = 16;
/** PIT ticks per day at 18.2065 Hz: the BDA tick count wraps to 0 here and sets the rollover flag. */
export const TICKS_PER_DAY = 0x1800b0;

/** Where fwlab's firmware keeps its own data in the EBDA (above the first 0x100 bytes SeaBIOS uses). */
export const EBDA_FWLAB = {
  /** u16 count, then `count` e820 entries of 20 bytes (base u64, length u64, type u32). */
  e820: 0x100,
  /** Room for 32 entries. */
  e820Max: 32,
  /** u8: non-zero when int 10h teletype is mirrored to the debug console. */
  teletypeMirror: 0x390,
  /** u32: the low RAM size SeaBIOS calls LegacyRamSize (the top of the RAM that starts at 1 MiB, below 4 GiB). */
  legacyRamSize: 0x394,
  /* 0x398: the highest PCI bus number (firmware/bios/int1a.ts EBDA_MAX_PCI_BUS). */
  /**
   * The AHCI disk int 13h drives (q35): u32 ABAR (0 = none, use IDE), u8 port, u32 command list,
   * u32 received-FIS area, u32 command table, then the geometry: u16 cylinders, u16 heads, u16
   * sectors per track, u64 sectors.
   */
  ahciAbar: 0x3a0,
  ahciPort: 0x3a4,
  ahciList: 0x3a8,
  ahciFis: 0x3ac,
  ahciCmd: 0x3b0,
  ahciCylinders: 0x3b4,
  ahciHeads: 0x3b6,
  ahciSpt: 0x3b8,
  ahciSectors: 0x3c0,
  /**
   * The CD-ROM int 13h drive E0h reaches: u8 kind (0 none, 1 AHCI, 2 IDE), u8 AHCI port or IDE unit,
   * u16 IDE command block, u32 ABAR, u32 command list, u32 received-FIS area, u32 command table.
   */
  cdKind: 0x3c8,
  cdUnit: 0x3c9,
  cdIdeBase: 0x3ca,
  cdAbar: 0x3cc,
  cdList: 0x3d0,
  cdFis: 0x3d4,
  cdCmd: 0x3d8,
  /** u8: the value last written to the floppy controller's DOR (SeaBIOS's FloppyDOR). */
  floppyDor: 0x3f0,
  /** The El Torito specification packet int 13h AH=4Bh returns (13h bytes; El Torito 1.0 §5.3, Table 13). */
  elTorito: 0x3dc,
} as const;

/** The text frame buffer of VGA mode 3 (80 × 25, attribute bytes). */
export const VGA_TEXT_BASE = 0xb8000;
export const TEXT_COLS = 80;
export const TEXT_ROWS = 25;
