/**
 * QEMU's BIOS linker-loader script (`etc/table-loader`): wire format only.
 * Facts: qemu-host.md §2.1 (hw/acpi/bios-linker-loader.c, SeaBIOS romfile_loader.h).
 * An array of 128-byte little-endian entries; unknown commands (incl. 0 padding) are skipped.
 */
export const LINKER_LOADER_FILE = 'etc/table-loader';
export const LOADER_ENTRY_SIZE = 128;
/** File-name fields are char[56], NUL-terminated (byte 55 must be 0). */
export const LOADER_FILESZ = 56;

export const LOADER_CMD = {
  ALLOCATE: 1,
  ADD_POINTER: 2,
  ADD_CHECKSUM: 3,
  WRITE_POINTER: 4,
} as const;
export type LoaderCommandKind = keyof typeof LOADER_CMD;

export const LOADER_ZONE = {
  HIGH: 1,
  FSEG: 2,
} as const;

/** Byte offsets inside one 128-byte entry. */
export const LOADER_OFFSETS = {
  command: 0,
  ALLOCATE: { file: 4, align: 60, zone: 64 },
  ADD_POINTER: { destFile: 4, srcFile: 60, offset: 116, size: 120 },
  ADD_CHECKSUM: { file: 4, resultOffset: 60, start: 64, length: 68 },
  WRITE_POINTER: { destFile: 4, srcFile: 60, dstOffset: 116, srcOffset: 120, size: 124 },
} as const;

/** The script is zero-padded to a multiple of 4 KiB (ACPI_BUILD_ALIGN_SIZE). */
export const LOADER_FILE_ALIGN = 0x1000;
export type LoaderZoneName = keyof typeof LOADER_ZONE;
/** Pointer widths ADD_POINTER and WRITE_POINTER accept (QEMU asserts this). */
export const LOADER_POINTER_SIZES = [1, 2, 4, 8] as const;

/** The fw_cfg files QEMU's x86 ACPI build names in its script. */
export const ACPI_BUILD_TABLE_FILE = 'etc/acpi/tables';
export const ACPI_BUILD_RSDP_FILE = 'etc/acpi/rsdp';
export const ACPI_BUILD_TPMLOG_FILE = 'etc/tpm/log';
export const NVDIMM_DSM_MEM_FILE = 'etc/acpi/nvdimm-mem';
export const VMGENID_GUID_FW_CFG_FILE = 'etc/vmgenid_guid';
export const VMGENID_ADDR_FW_CFG_FILE = 'etc/vmgenid_addr';
