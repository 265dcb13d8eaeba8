/**
 * QEMU's BIOS linker-loader script (`etc/table-loader`), as QEMU 7.2 writes it and SeaBIOS/OVMF
 * execute it (../shared/reference/qemu-host.md §2). A sequence of 128-byte little-endian entries;
 * the file is zero-padded to a 4 KiB multiple; command 0 and unknown commands are skipped.
 */
export const LINKER_ENTRY_SIZE = 128;
export const LINKER_FILE_ALIGN = 0x1000;
/** File-name fields are 56 bytes; at most 55 characters, byte 55 always NUL. */
export const LINKER_FILESZ = 56;

export const LINKER_COMMAND = {
  ALLOCATE: 1,
  ADD_POINTER: 2,
  ADD_CHECKSUM: 3,
  WRITE_POINTER: 4,
} as const;
export type LinkerCommandName = keyof typeof LINKER_COMMAND;

export const LINKER_ZONE = {
  HIGH: 1,
  FSEG: 2,
} as const;
export type LinkerZoneName = keyof typeof LINKER_ZONE;

/** Byte offsets inside a 128-byte entry; the command word is at 0 for every command. */
export const LINKER_OFFSET = {
  command: 0,
  ALLOCATE: { file: 4, align: 60, zone: 64 },
  ADD_POINTER: { destFile: 4, srcFile: 60, offset: 116, size: 120 },
  ADD_CHECKSUM: { file: 4, offset: 60, start: 64, length: 68 },
  WRITE_POINTER: { destFile: 4, srcFile: 60, dstOffset: 116, srcOffset: 120, size: 124 },
} as const;

/** Pointer widths ADD_POINTER and WRITE_POINTER accept. */
export const LINKER_POINTER_SIZES = [1, 2, 4, 8] as const;

/** The fw_cfg files QEMU's x86 ACPI build names in its script. */
export const ACPI_BUILD_TABLE_FILE = 'etc/acpi/tables';
export const ACPI_BUILD_RSDP_FILE = 'etc/acpi/rsdp';
export const ACPI_BUILD_LOADER_FILE = 'etc/table-loader';
export const ACPI_BUILD_TPMLOG_FILE = 'etc/tpm/log';
export const NVDIMM_DSM_MEM_FILE = 'etc/acpi/nvdimm-mem';
export const VMGENID_GUID_FW_CFG_FILE = 'etc/vmgenid_guid';
export const VMGENID_ADDR_FW_CFG_FILE = 'etc/vmgenid_addr';
