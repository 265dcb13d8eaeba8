/**
 * TPM facts shared by the machine's TIS device, its ACPI and any consumer: the TCG PC Client
 * Platform TPM Profile (PTP) FIFO interface, the TPM2 ACPI table (TCG ACPI Specification §7.3)
 * and the addresses QEMU 7.2 gives them (include/hw/acpi/tpm.h).
 */

/** The TIS/FIFO register block: five localities of 4 KiB each. */
export const TPM_TIS_ADDR_BASE = 0xfed40000;
export const TPM_TIS_ADDR_SIZE = 0x5000;
export const TPM_TIS_LOCALITIES = 5;
export const TPM_TIS_LOCALITY_SHIFT = 12;

/** Register offsets inside one locality (PTP §6.5.2). */
export const TIS_REG = {
  ACCESS: 0x00,
  INT_ENABLE: 0x08,
  INT_VECTOR: 0x0c,
  INT_STATUS: 0x10,
  INTF_CAPABILITY: 0x14,
  STS: 0x18,
  DATA_FIFO: 0x24,
  INTERFACE_ID: 0x30,
  DATA_XFIFO: 0x80,
  DATA_XFIFO_END: 0xbc,
  DID_VID: 0xf00,
  RID: 0xf04,
} as const;

export const TIS_ACCESS = {
  ESTABLISHMENT: 1 << 0,
  REQUEST_USE: 1 << 1,
  PENDING_REQUEST: 1 << 2,
  SEIZE: 1 << 3,
  BEEN_SEIZED: 1 << 4,
  ACTIVE_LOCALITY: 1 << 5,
  REG_VALID_STS: 1 << 7,
} as const;

export const TIS_STS = {
  RESPONSE_RETRY: 1 << 1,
  SELFTEST_DONE: 1 << 2,
  EXPECT: 1 << 3,
  DATA_AVAILABLE: 1 << 4,
  GO: 1 << 5,
  COMMAND_READY: 1 << 6,
  VALID: 1 << 7,
  COMMAND_CANCEL: 1 << 24,
  RESET_ESTABLISHMENT: 1 << 25,
  FAMILY_2_0: 1 << 26,
  FAMILY_MASK: 3 << 26,
} as const;
export const TIS_BURST_COUNT_SHIFT = 8;

export const TIS_INT = {
  DATA_AVAILABLE: 1 << 0,
  STS_VALID: 1 << 1,
  LOCALITY_CHANGED: 1 << 2,
  POLARITY_LOW_LEVEL: 1 << 3,
  POLARITY_MASK: 3 << 3,
  COMMAND_READY: 1 << 7,
  ENABLED: 1 << 31,
} as const;
export const TIS_INTERRUPTS = TIS_INT.DATA_AVAILABLE | TIS_INT.STS_VALID | TIS_INT.LOCALITY_CHANGED | TIS_INT.COMMAND_READY;

/** INTF_CAPABILITY of a TPM 2.0 TIS: interface 1.3 for TPM 2.0, 64-byte transfers, low-level interrupts. */
export const TIS_CAPABILITY_TPM2 = (3 << 28) | (3 << 9) | (1 << 4) | TIS_INTERRUPTS;
/** INTERFACE_ID of a TPM 2.0 FIFO: FIFO interface, five localities, TIS supported; bit 19 locks the selector. */
export const TIS_INTERFACE_ID_TPM2 = (1 << 8) | (1 << 13);
export const TIS_INTERFACE_ID_INT_SEL_LOCK = 1 << 19;
/** QEMU's identity: device 0x0001 of vendor 0x1014 (IBM), revision 1. */
export const TIS_DID_VID = (0x0001 << 16) | 0x1014;
export const TIS_RID = 0x01;
/** What the FIFO returns when there is nothing to read. */
export const TIS_NO_DATA_BYTE = 0xff;
/** QEMU's command/response buffer (TPM_TIS_BUFFER_MAX). */
export const TIS_BUFFER_SIZE = 4096;

/** Physical Presence Interface memory (QEMU's tpm-ppi RAM) and its version byte. */
export const TPM_PPI_ADDR_BASE = 0xfed45000;
export const TPM_PPI_ADDR_SIZE = 0x400;
export const TPM_PPI_VERSION_1_30 = 1;
/** Offsets inside the PPI page the DSDT's TPP2/TPP3 regions name. */
export const TPM_PPI_STRUCT_OFFSET = 0x100;
export const TPM_PPI_MOVV_OFFSET = 0x15a;

/** fw_cfg `etc/tpm/config`: PPI address (LE32), TPM version (2 = TPM 2.0), PPI version. */
export const FW_CFG_TPM_CONFIG = 'etc/tpm/config';
export const TPM_VERSION_2_0 = 2;

/** TPM2 ACPI table: revision 4, platform class client, start method 6 (TIS/FIFO), 64 KiB log. */
export const TPM2_TABLE_REVISION = 4;
export const TPM2_START_METHOD_TIS = 6;
export const TPM_LOG_AREA_MINIMUM_SIZE = 0x10000;
/** Offset of LASA (log area start address) in the TPM2 table. */
export const TPM2_LASA_OFFSET = 0x44;

/** TPM 2.0 command and response codes (TPM 2.0 Library Part 2). */
export const TPM2_ST_NO_SESSIONS = 0x8001;
export const TPM2_CC = { SelfTest: 0x143, Startup: 0x144, Shutdown: 0x145 } as const;
export const TPM2_RC = { SUCCESS: 0x000, INITIALIZE: 0x100, COMMAND_CODE: 0x143, COMMAND_SIZE: 0x142, BAD_TAG: 0x01e } as const;
