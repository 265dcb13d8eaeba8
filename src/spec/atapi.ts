/**
 * ATAPI (ATA/ATAPI-8 ACS §7.18 PACKET, §7.13 IDENTIFY PACKET DEVICE) and the SCSI/MMC commands a CD-ROM
 * answers (SPC-3, MMC-5): what the device models and the firmware's CD-ROM driver both speak.
 */

/** ATA commands a packet device takes. */
export const ATA_PACKET = 0xa0;
export const ATA_IDENTIFY_PACKET_DEVICE = 0xa1;
export const ATA_DEVICE_RESET = 0x08;

/** The packet device signature (ATA8-ACS §9.12): cylinder low/high 14h/EBh; on SATA, PxSIG EB140101h. */
export const ATAPI_SIGNATURE_LCYL = 0x14;
export const ATAPI_SIGNATURE_HCYL = 0xeb;
export const SATA_SIGNATURE_ATAPI = 0xeb140101;

/** The interrupt reason in the sector count register (ATA8-ACS §7.18): C/D and I/O. */
export const IREASON_COD = 0x01;
export const IREASON_IO = 0x02;
/** PACKET features bit 0: the data moves by DMA. */
export const PACKET_FEATURE_DMA = 0x01;
/** A command packet is 12 bytes (ATAPI packets of 16 bytes are not announced in IDENTIFY word 0). */
export const ATAPI_PACKET_SIZE = 12;

/** A CD-ROM logical block. */
export const CD_SECTOR = 2048;

/** SCSI/MMC operation codes (SPC-3, MMC-5). */
export const SCSI = {
  TEST_UNIT_READY: 0x00,
  REQUEST_SENSE: 0x03,
  INQUIRY: 0x12,
  START_STOP_UNIT: 0x1b,
  PREVENT_ALLOW_MEDIUM_REMOVAL: 0x1e,
  READ_CAPACITY_10: 0x25,
  READ_10: 0x28,
  SEEK_10: 0x2b,
  READ_TOC: 0x43,
  GET_CONFIGURATION: 0x46,
  GET_EVENT_STATUS_NOTIFICATION: 0x4a,
  READ_DISC_INFORMATION: 0x51,
  MODE_SENSE_10: 0x5a,
  READ_12: 0xa8,
  SET_CD_SPEED: 0xbb,
  MECHANISM_STATUS: 0xbd,
} as const;

/** Sense keys (SPC-3 §4.5.6) and the additional sense codes a CD-ROM reports. */
/** The ATA error register's media-change bit (MC), set with the sense key when a unit attention refuses a command. */
export const ERR_MC = 0x20;
export const SENSE_NO_SENSE = 0x00;
export const SENSE_NOT_READY = 0x02;
export const SENSE_ILLEGAL_REQUEST = 0x05;
export const SENSE_UNIT_ATTENTION = 0x06;
export const ASC_INVALID_OPCODE = 0x20;
export const ASC_LBA_OUT_OF_RANGE = 0x21;
export const ASC_INVALID_FIELD_IN_CDB = 0x24;
export const ASC_MEDIUM_MAY_HAVE_CHANGED = 0x28;
export const ASC_SAVING_PARAMETERS_NOT_SUPPORTED = 0x39;
export const ASC_MEDIUM_NOT_PRESENT = 0x3a;
export const ASC_MEDIUM_REMOVAL_PREVENTED = 0x53;
