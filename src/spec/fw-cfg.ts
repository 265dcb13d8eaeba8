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
