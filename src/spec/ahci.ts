/**
 * AHCI 1.3 (Serial ATA AHCI 1.3 specification) register offsets, bits and in-memory layouts, and the
 * SATA FIS types: what the HBA model and the firmware's AHCI driver both speak.
 */

/** Generic host control (§3.1), offsets in the ABAR (BAR5). */
export const AHCI_CAP = 0x00;
export const AHCI_GHC = 0x04;
export const AHCI_IS = 0x08;
export const AHCI_PI = 0x0c;
export const AHCI_VS = 0x10;
/** Port x registers start here, 0x80 bytes each (§3.3). */
export const AHCI_PORT_BASE = 0x100;
export const AHCI_PORT_SIZE = 0x80;
/** The ABAR is 4 KiB on ICH9 (QEMU's AHCI_MEM_BAR_SIZE). */
export const AHCI_ABAR_SIZE = 0x1000;

export const GHC_HR = 1 << 0;
export const GHC_IE = 1 << 1;
export const GHC_AE = 0x80000000;

export const CAP_S64A = 0x80000000;
export const CAP_SNCQ = 1 << 30;
export const CAP_SAM = 1 << 18;
/** CAP.ISS (bits 23:20): 1 = Gen 1 (1.5 Gbps). */
export const CAP_ISS_GEN1 = 1 << 20;
/** CAP.NCS (bits 12:8): command slots minus one. */
export const CAP_NCS_SHIFT = 8;

/** Port registers, offsets inside a port's 0x80 bytes (§3.3). */
export const PX_CLB = 0x00;
export const PX_CLBU = 0x04;
export const PX_FB = 0x08;
export const PX_FBU = 0x0c;
export const PX_IS = 0x10;
export const PX_IE = 0x14;
export const PX_CMD = 0x18;
export const PX_TFD = 0x20;
export const PX_SIG = 0x24;
export const PX_SSTS = 0x28;
export const PX_SCTL = 0x2c;
export const PX_SERR = 0x30;
export const PX_SACT = 0x34;
export const PX_CI = 0x38;

/** PxCMD (§3.3.7). */
export const PXCMD_ST = 1 << 0;
export const PXCMD_SUD = 1 << 1;
export const PXCMD_POD = 1 << 2;
export const PXCMD_FRE = 1 << 4;
export const PXCMD_FR = 1 << 14;
export const PXCMD_CR = 1 << 15;
export const PXCMD_ICC_MASK = 0xf0000000;

/** PxIS / PxIE (§3.3.5). */
export const PXIS_DHRS = 1 << 0;
export const PXIS_PSS = 1 << 1;
export const PXIS_DSS = 1 << 2;
export const PXIS_SDBS = 1 << 3;
export const PXIS_OFS = 1 << 24;
export const PXIS_HBDS = 1 << 28;
export const PXIS_HBFS = 1 << 29;
export const PXIS_TFES = 1 << 30;

/** PxSSTS (§3.3.10): DET 3 (device present, PHY up), SPD 1 (Gen 1), IPM 1 (active). */
export const SSTS_DEVICE_ACTIVE = 0x113;
/** PxSCTL.DET: 1 asks for COMRESET. */
export const SCTL_DET_MASK = 0xf;
/** PxSIG of an ATA disk (SATA signature 0x00000101). */
export const SATA_SIGNATURE_DISK = 0x00000101;

/** The command list: 32 command headers of 32 bytes (§4.2.2). */
export const CMD_HEADER_SIZE = 0x20;
export const CMD_LIST_SIZE = 0x400;
/** Command header DW0: CFL (dwords) bits 4:0, A bit 5, W bit 6, PRDTL bits 31:16. */
export const CMDH_CFL_MASK = 0x1f;
export const CMDH_ATAPI = 1 << 5;
export const CMDH_WRITE = 1 << 6;
export const CMDH_PRDTL_SHIFT = 16;
/** Command header byte offsets: DW1 PRDBC, DW2/3 CTBA. */
export const CMDH_PRDBC = 4;
export const CMDH_CTBA = 8;
/** Command table: CFIS at 0, ACMD at 0x40, PRDT at 0x80 with 16-byte entries (§4.2.3). */
export const CT_CFIS = 0x00;
/** The ATAPI command packet (ACMD, 12 or 16 bytes) in the command table. */
export const CT_ACMD = 0x40;
export const CT_PRDT = 0x80;
export const PRD_SIZE = 16;
/** PRD DW3: DBC (byte count minus one) bits 21:0, I bit 31. */
export const PRD_DBC_MASK = 0x3fffff;
/** The received-FIS area: 256 bytes (§4.2.1). */
export const RFIS_SIZE = 0x100;
export const RFIS_PSFIS = 0x20;
export const RFIS_RFIS = 0x40;
export const RFIS_SDBFIS = 0x58;

/** SATA FIS types (SATA 2.6 §10.3). */
export const FIS_TYPE_REG_H2D = 0x27;
export const FIS_TYPE_REG_D2H = 0x34;
export const FIS_TYPE_PIO_SETUP = 0x5f;
export const FIS_TYPE_SET_DEVICE_BITS = 0xa1;
/** Register H2D byte 1 bit 7: the FIS updates the command register. */
export const FIS_H2D_C = 0x80;
/** Register H2D byte 15 (Control) bit 2: software reset. */
export const FIS_CONTROL_SRST = 0x04;
/** Interrupt bit in byte 1 of D2H / PIO Setup FISes. */
export const FIS_I = 0x40;

/** Native command queuing (SATA 2.6 §13.6): READ/WRITE FPDMA QUEUED; the tag is in Count bits 7:3. */
export const ATA_READ_FPDMA_QUEUED = 0x60;
export const ATA_WRITE_FPDMA_QUEUED = 0x61;

/** ATA status bits the taskfile data holds (ATA8-ACS). */
export const ATA_STATUS_ERR = 0x01;
export const ATA_STATUS_DRQ = 0x08;
export const ATA_STATUS_BSY = 0x80;
export const ATA_STATUS_DRDY = 0x40;
