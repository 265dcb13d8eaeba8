/**
 * QEMU's fw_cfg interface as x86 firmware sees it (docs/specs/fw_cfg.rst, qemu_fw_cfg.h,
 * ../shared/reference/qemu-host.md §1). Shared by the device (src/machine/fw-cfg) and
 * the firmware's client, which are written independently.
 */

/** I/O ports on pc/q35: selector (16-bit write), data (8-bit), DMA address (BE, high then low). */
export const FW_CFG_PORT_SEL = 0x510;
export const FW_CFG_PORT_DATA = 0x511;
export const FW_CFG_PORT_DMA_HIGH = 0x514;
export const FW_CFG_PORT_DMA_LOW = 0x518;
/** Reading the DMA register returns this, byte for byte ("QEMU CFG", 0x51454d5520434647 BE). */
export const FW_CFG_DMA_SIGNATURE = 'QEMU CFG';

/** Generic keys (FW_CFG_*), integers little-endian unless noted. */
export const FW_CFG_SIGNATURE = 0x00;
export const FW_CFG_ID = 0x01;
export const FW_CFG_UUID = 0x02;
export const FW_CFG_RAM_SIZE = 0x03;
export const FW_CFG_NOGRAPHIC = 0x04;
export const FW_CFG_NB_CPUS = 0x05;
export const FW_CFG_MACHINE_ID = 0x06;
export const FW_CFG_KERNEL_ADDR = 0x07;
export const FW_CFG_KERNEL_SIZE = 0x08;
export const FW_CFG_KERNEL_CMDLINE = 0x09;
export const FW_CFG_INITRD_ADDR = 0x0a;
export const FW_CFG_INITRD_SIZE = 0x0b;
export const FW_CFG_BOOT_DEVICE = 0x0c;
export const FW_CFG_NUMA = 0x0d;
export const FW_CFG_BOOT_MENU = 0x0e;
export const FW_CFG_MAX_CPUS = 0x0f;
export const FW_CFG_KERNEL_ENTRY = 0x10;
export const FW_CFG_KERNEL_DATA = 0x11;
export const FW_CFG_INITRD_DATA = 0x12;
export const FW_CFG_CMDLINE_ADDR = 0x13;
export const FW_CFG_CMDLINE_SIZE = 0x14;
export const FW_CFG_CMDLINE_DATA = 0x15;
export const FW_CFG_SETUP_ADDR = 0x16;
export const FW_CFG_SETUP_SIZE = 0x17;
export const FW_CFG_SETUP_DATA = 0x18;
export const FW_CFG_FILE_DIR = 0x19;
/** File n of the sorted directory is selected with FW_CFG_FILE_FIRST + n. */
export const FW_CFG_FILE_FIRST = 0x20;
export const FW_CFG_FILE_SLOTS_DFLT = 0x20;

/** Key bits: bit 15 picks the architecture table, bit 14 is ignored, the rest is the index. */
export const FW_CFG_ARCH_LOCAL = 0x8000;
export const FW_CFG_WRITE_CHANNEL = 0x4000;
export const FW_CFG_ENTRY_MASK = 0x3fff;
export const FW_CFG_INVALID = 0xffff;

/** x86 architecture keys (hw/i386/fw_cfg.h). */
export const FW_CFG_ACPI_TABLES = FW_CFG_ARCH_LOCAL + 0;
export const FW_CFG_SMBIOS_ENTRIES = FW_CFG_ARCH_LOCAL + 1;
export const FW_CFG_IRQ0_OVERRIDE = FW_CFG_ARCH_LOCAL + 2;
export const FW_CFG_E820_TABLE = FW_CFG_ARCH_LOCAL + 3;
export const FW_CFG_HPET = FW_CFG_ARCH_LOCAL + 4;

/** FW_CFG_ID feature bits. */
export const FW_CFG_VERSION = 0x01;
export const FW_CFG_VERSION_DMA = 0x02;

/** FWCfgDmaAccess: 16 bytes, all big-endian. */
export const FW_CFG_DMA_ACCESS_SIZE = 16;
export const FW_CFG_DMA_ACCESS_CONTROL = 0;
export const FW_CFG_DMA_ACCESS_LENGTH = 4;
export const FW_CFG_DMA_ACCESS_ADDRESS = 8;
/** Control bits; the key for SELECT is in bits 31:16. */
export const FW_CFG_DMA_CTL_ERROR = 0x01;
export const FW_CFG_DMA_CTL_READ = 0x02;
export const FW_CFG_DMA_CTL_SKIP = 0x04;
export const FW_CFG_DMA_CTL_SELECT = 0x08;
export const FW_CFG_DMA_CTL_WRITE = 0x10;

/** The file directory: u32 count (BE), then struct fw_cfg_file entries. */
export const FW_CFG_DIR_COUNT_SIZE = 4;
/** struct fw_cfg_file: u32 size (BE), u16 select (BE), u16 reserved, char name[56]. */
export const FW_CFG_FILE_SIZE = 64;
export const FW_CFG_FILE_OFF_SIZE = 0;
export const FW_CFG_FILE_OFF_SELECT = 4;
export const FW_CFG_FILE_OFF_RESERVED = 6;
export const FW_CFG_FILE_OFF_NAME = 8;
/** Includes the terminating NUL. */
export const FW_CFG_MAX_FILE_PATH = 56;

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
