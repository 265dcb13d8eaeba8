/**
 * QEMU fw_cfg, x86 I/O-port variant: registers, keys, DMA descriptor and file directory.
 * Facts: qemu-host.md §1 (docs/specs/fw_cfg.rst).
 */
export const FW_CFG_PORT_SEL = 0x510;
export const FW_CFG_PORT_DATA = 0x511;
/** DMA address register, big-endian: high dword at +0 (0x514), low dword at +4 (0x518) starts the transfer. */
export const FW_CFG_PORT_DMA_HI = 0x514;
export const FW_CFG_PORT_DMA_LO = 0x518;

export const FW_CFG_SIGNATURE = 0x00;
export const FW_CFG_ID = 0x01;
export const FW_CFG_UUID = 0x02;
export const FW_CFG_RAM_SIZE = 0x03;
export const FW_CFG_NOGRAPHIC = 0x04;
export const FW_CFG_NB_CPUS = 0x05;
export const FW_CFG_NUMA = 0x0d;
export const FW_CFG_BOOT_MENU = 0x0e;
export const FW_CFG_MAX_CPUS = 0x0f;
export const FW_CFG_FILE_DIR = 0x19;
export const FW_CFG_FILE_FIRST = 0x20;
export const FW_CFG_ARCH_LOCAL = 0x8000;
export const FW_CFG_ACPI_TABLES = 0x8000;
export const FW_CFG_SMBIOS_ENTRIES = 0x8001;
export const FW_CFG_IRQ0_OVERRIDE = 0x8002;
export const FW_CFG_E820_TABLE = 0x8003;
export const FW_CFG_HPET = 0x8004;

/** "QEMU" as read from key 0. */
export const FW_CFG_SIGNATURE_TEXT = 'QEMU';
/** FW_CFG_ID feature bits. */
export const FW_CFG_VERSION = 0x01;
export const FW_CFG_VERSION_DMA = 0x02;
/** Reads of the DMA register return this ("QEMU CFG"). */
export const FW_CFG_DMA_SIGNATURE = 0x51454d5520434647n;

/** FWCfgDmaAccess.control bits; the key goes in the upper 16 bits with SELECT. */
export const FW_CFG_DMA_CTL_ERROR = 0x01;
export const FW_CFG_DMA_CTL_READ = 0x02;
export const FW_CFG_DMA_CTL_SKIP = 0x04;
export const FW_CFG_DMA_CTL_SELECT = 0x08;
export const FW_CFG_DMA_CTL_WRITE = 0x10;
/** FWCfgDmaAccess { be32 control; be32 length; be64 address; } */
export const FW_CFG_DMA_DESC_SIZE = 16;

/** Key 0x19: be32 count, then `count` records { be32 size; be16 select; u16 reserved; char name[56]; }. */
export const FW_CFG_FILE_RECORD_SIZE = 64;
export const FW_CFG_MAX_FILE_PATH = 56;

// ---- Used by the device (src/machine/fw-cfg) and tools ----
/** Reading the DMA register returns this, byte for byte ("QEMU CFG", 0x51454d5520434647 BE). */
export const FW_CFG_DMA_SIGNATURE_TEXT = 'QEMU CFG';

/** The rest of the generic keys (qemu_fw_cfg.h); x86 sets only some of them. */
export const FW_CFG_MACHINE_ID = 0x06;
export const FW_CFG_KERNEL_ADDR = 0x07;
export const FW_CFG_KERNEL_SIZE = 0x08;
export const FW_CFG_KERNEL_CMDLINE = 0x09;
export const FW_CFG_INITRD_ADDR = 0x0a;
export const FW_CFG_INITRD_SIZE = 0x0b;
export const FW_CFG_BOOT_DEVICE = 0x0c;
export const FW_CFG_KERNEL_ENTRY = 0x10;
export const FW_CFG_KERNEL_DATA = 0x11;
export const FW_CFG_INITRD_DATA = 0x12;
export const FW_CFG_CMDLINE_ADDR = 0x13;
export const FW_CFG_CMDLINE_SIZE = 0x14;
export const FW_CFG_CMDLINE_DATA = 0x15;
export const FW_CFG_SETUP_ADDR = 0x16;
export const FW_CFG_SETUP_SIZE = 0x17;
export const FW_CFG_SETUP_DATA = 0x18;
/** Default number of file slots (x-file-slots). */
export const FW_CFG_FILE_SLOTS_DFLT = 0x20;

/** Key bit 14 is ignored on select; the index is key & FW_CFG_ENTRY_MASK; FW_CFG_INVALID = nothing selected. */
export const FW_CFG_WRITE_CHANNEL = 0x4000;
export const FW_CFG_ENTRY_MASK = 0x3fff;
export const FW_CFG_INVALID = 0xffff;

/** Field offsets in FWCfgDmaAccess (all big-endian). */
export const FW_CFG_DMA_ACCESS_CONTROL = 0;
export const FW_CFG_DMA_ACCESS_LENGTH = 4;
export const FW_CFG_DMA_ACCESS_ADDRESS = 8;

/** The file directory: u32 count (BE), then struct fw_cfg_file entries. */
export const FW_CFG_DIR_COUNT_SIZE = 4;
export const FW_CFG_FILE_OFF_SIZE = 0;
export const FW_CFG_FILE_OFF_SELECT = 4;
export const FW_CFG_FILE_OFF_RESERVED = 6;
export const FW_CFG_FILE_OFF_NAME = 8;

/** struct hpet_fw_config (key 0x8004), packed: u8 count, then 8 × {u32 id, u64 address, u16 min_tick, u8 page_prot}. */
export const HPET_FW_CFG_MAX_TIMERS = 8;
export const HPET_FW_CFG_ENTRY_SIZE = 15;
export const HPET_FW_CFG_SIZE = 1 + HPET_FW_CFG_MAX_TIMERS * HPET_FW_CFG_ENTRY_SIZE;

/** Well-known x86 file names (hw/i386, hw/acpi, hw/nvram). */
export const FW_CFG_FILE_E820 = 'etc/e820';
export const FW_CFG_FILE_RESERVED_MEMORY_END = 'etc/reserved-memory-end';
export const FW_CFG_FILE_BOOT_FAIL_WAIT = 'etc/boot-fail-wait';
export const FW_CFG_FILE_BOOT_MENU_WAIT = 'etc/boot-menu-wait';
export const FW_CFG_FILE_BOOTORDER = 'bootorder';
export const FW_CFG_FILE_BIOS_GEOMETRY = 'bios-geometry';
export const FW_CFG_FILE_SYSTEM_STATES = 'etc/system-states';
export const FW_CFG_FILE_SMBIOS_ANCHOR = 'etc/smbios/smbios-anchor';
export const FW_CFG_FILE_SMBIOS_TABLES = 'etc/smbios/smbios-tables';
export const FW_CFG_FILE_SMI_SUPPORTED = 'etc/smi/supported-features';
export const FW_CFG_FILE_SMI_REQUESTED = 'etc/smi/requested-features';
export const FW_CFG_FILE_SMI_FEATURES_OK = 'etc/smi/features-ok';
export const FW_CFG_FILE_TPM_LOG = 'etc/tpm/log';
export const FW_CFG_FILE_ACPI_TABLES = 'etc/acpi/tables';
export const FW_CFG_FILE_ACPI_RSDP = 'etc/acpi/rsdp';
export const FW_CFG_FILE_TABLE_LOADER = 'etc/table-loader';
/** QEMU pads the ACPI carriers to fixed sizes so they never change length (§4.1). */
export const ACPI_TABLES_PAD = 0x20000;
export const ACPI_RSDP_SIZE = 20;
export const TABLE_LOADER_PAD = 0x1000;

/** vmgenid (docs/specs/vmgenid.txt): a 4 KiB read-only blob with the GUID at 40, and the address the firmware writes back. */
export const VMGENID_GUID_FILE = 'etc/vmgenid_guid';
export const VMGENID_ADDR_FILE = 'etc/vmgenid_addr';
export const VMGENID_FW_CFG_SIZE = 4096;
export const VMGENID_GUID_OFFSET = 40;
export const VMGENID_ADDR_SIZE = 8;
