/**
 * The ISA floppy disk controller (Intel 82077AA/82078 register set, as QEMU 7.2's isa-fdc) and the
 * 8237 ISA DMA controller ports a floppy driver programs: what the machine's models and the
 * firmware's driver share.
 */

/** Register offsets from the controller's base (0x3F0); 0 (SRA) and 6 (the IDE control port) are not decoded by QEMU's isa-fdc. */
export const FDC_REG = {
  srb: 1,
  dor: 2,
  tdr: 3,
  /** Main status (read) / data rate select (write). */
  msr: 4,
  dsr: 4,
  fifo: 5,
  /** Digital input (read) / configuration control (write). */
  dir: 7,
  ccr: 7,
} as const;

export const FDC_DOR = { select: 0x01, nReset: 0x04, dmaEnable: 0x08, motor0: 0x10, motor1: 0x20 } as const;
export const FDC_MSR = { cmdBusy: 0x10, nonDma: 0x20, dio: 0x40, rqm: 0x80 } as const;
export const FDC_DSR = { rateMask: 0x03, powerDown: 0x40, swReset: 0x80 } as const;
export const FDC_DIR_DISK_CHANGED = 0x80;

/** Status register 0 bits. */
export const FDC_ST0 = { head: 0x04, seekEnd: 0x20, abnormal: 0x40, invalid: 0x80, readyChange: 0xc0 } as const;
/** Status register 1 bits: missing address mark, not writable, end of cylinder. */
export const FDC_ST1 = { missingAddress: 0x01, notWritable: 0x02, endOfCylinder: 0x80 } as const;

/** Command opcodes (low bits; MT/MFM/SK modifiers in the top bits). */
export const FDC_CMD = {
  readTrack: 0x02,
  specify: 0x03,
  senseDriveStatus: 0x04,
  write: 0x05,
  read: 0x06,
  recalibrate: 0x07,
  senseInterrupt: 0x08,
  writeDeleted: 0x09,
  readId: 0x0a,
  readDeleted: 0x0c,
  formatTrack: 0x0d,
  dumpreg: 0x0e,
  seek: 0x0f,
  version: 0x10,
  scanEqual: 0x11,
  perpendicularMode: 0x12,
  configure: 0x13,
  lock: 0x14,
  verify: 0x16,
  powerdownMode: 0x17,
  partId: 0x18,
  scanLowOrEqual: 0x19,
  scanHighOrEqual: 0x1d,
  save: 0x2e,
  option: 0x33,
  restore: 0x4e,
  driveSpecification: 0x8e,
  relativeSeekOut: 0x8f,
  formatAndWrite: 0xcd,
  relativeSeekIn: 0xcf,
} as const;
/** Modifier bits of the data commands: multi-track, MFM, skip deleted. */
export const FDC_MT = 0x80;
export const FDC_MFM = 0x40;
export const FDC_SK = 0x20;

/** Data rates (DSR/CCR bits 1:0). */
export const FDC_RATE = { k500: 0, k300: 1, k250: 2, m1: 3 } as const;
/** The sector size code of 512-byte sectors. */
export const FDC_SIZE_CODE_512 = 2;

/** The first 8237 (channels 0-3): channel address/count at 2n/2n+1, then the control block. */
export const DMA1 = {
  channelBase: 0x00,
  status: 0x08,
  command: 0x08,
  request: 0x09,
  singleMask: 0x0a,
  mode: 0x0b,
  clearFlipFlop: 0x0c,
  masterClear: 0x0d,
  clearMask: 0x0e,
  writeMask: 0x0f,
} as const;
/** The second 8237 (channels 4-7): registers on even ports from 0xC0, its control block from 0xD0. */
export const DMA2_BASE = 0xc0;
/** Page registers: 0x81 channel 2, 0x82 channel 3, 0x83 channel 1, 0x87 channel 0; +8 for channels 4-7. */
export const DMA_PAGE_PORTS = [0x87, 0x83, 0x81, 0x82] as const;
/** 8237 mode register: single mode, address increment, no auto-init; transfer type in bits 3:2. */
export const DMA_MODE_SINGLE = 0x40;
export const DMA_MODE_VERIFY = 0x00;
export const DMA_MODE_WRITE_MEMORY = 0x04;
export const DMA_MODE_READ_MEMORY = 0x08;
export const DMA_MODE_DECREMENT = 0x20;
/** The floppy controller's ISA DMA channel and IRQ on the PC. */
export const FDC_DMA_CHANNEL = 2;
export const FDC_IRQ_LINE = 6;
