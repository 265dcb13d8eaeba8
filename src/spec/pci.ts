/**
 * PCI configuration-space layout and ids (PCI Local Bus 3.0, PCI-to-PCI Bridge 1.2,
 * PCI Express Base 4.0 §7, QEMU docs/specs/pci-ids.txt). Shared by the machine's model
 * and the firmware's enumerator.
 */

// ---- Mechanism #1 (PCI 3.0 §3.2.2.3.2) ----
export const PCI_CONFIG_ADDRESS_PORT = 0xcf8;
export const PCI_CONFIG_DATA_PORT = 0xcfc;
export const PCI_CONFIG_ENABLE = 0x80000000;
export const PCI_CONFIG_SPACE_SIZE = 0x100;
export const PCIE_CONFIG_SPACE_SIZE = 0x1000;
/** ECAM: bus = bits 27:20, devfn = bits 19:12, register = bits 11:0. */
export const PCIE_MMCFG_BUS_SHIFT = 20;
export const PCIE_MMCFG_DEVFN_SHIFT = 12;

// ---- Type 0/1 common header ----
export const PCI_VENDOR_ID = 0x00;
export const PCI_DEVICE_ID = 0x02;
export const PCI_COMMAND = 0x04;
export const PCI_STATUS = 0x06;
export const PCI_REVISION_ID = 0x08;
export const PCI_CLASS_PROG = 0x09;
export const PCI_CLASS_DEVICE = 0x0a;
export const PCI_CACHE_LINE_SIZE = 0x0c;
export const PCI_LATENCY_TIMER = 0x0d;
export const PCI_HEADER_TYPE = 0x0e;
export const PCI_BIST = 0x0f;
export const PCI_BASE_ADDRESS_0 = 0x10;
export const PCI_BASE_ADDRESS_1 = 0x14;
export const PCI_BASE_ADDRESS_2 = 0x18;
export const PCI_BASE_ADDRESS_3 = 0x1c;
export const PCI_BASE_ADDRESS_4 = 0x20;
export const PCI_BASE_ADDRESS_5 = 0x24;
export const PCI_CARDBUS_CIS = 0x28;
export const PCI_SUBSYSTEM_VENDOR_ID = 0x2c;
export const PCI_SUBSYSTEM_ID = 0x2e;
export const PCI_ROM_ADDRESS = 0x30;
export const PCI_CAPABILITY_LIST = 0x34;
export const PCI_INTERRUPT_LINE = 0x3c;
export const PCI_INTERRUPT_PIN = 0x3d;
export const PCI_MIN_GNT = 0x3e;
export const PCI_MAX_LAT = 0x3f;
/** End of the standard header: device-specific registers and capabilities follow. */
export const PCI_CONFIG_HEADER_SIZE = 0x40;

// ---- Type 1 (PCI-to-PCI bridge) header ----
export const PCI_PRIMARY_BUS = 0x18;
export const PCI_SECONDARY_BUS = 0x19;
export const PCI_SUBORDINATE_BUS = 0x1a;
export const PCI_SEC_LATENCY_TIMER = 0x1b;
export const PCI_IO_BASE = 0x1c;
export const PCI_IO_LIMIT = 0x1d;
export const PCI_SEC_STATUS = 0x1e;
export const PCI_MEMORY_BASE = 0x20;
export const PCI_MEMORY_LIMIT = 0x22;
export const PCI_PREF_MEMORY_BASE = 0x24;
export const PCI_PREF_MEMORY_LIMIT = 0x26;
export const PCI_PREF_BASE_UPPER32 = 0x28;
export const PCI_PREF_LIMIT_UPPER32 = 0x2c;
export const PCI_IO_BASE_UPPER16 = 0x30;
export const PCI_IO_LIMIT_UPPER16 = 0x32;
export const PCI_ROM_ADDRESS1 = 0x38;
export const PCI_BRIDGE_CONTROL = 0x3e;

export const PCI_IO_RANGE_TYPE_MASK = 0x0f;
export const PCI_IO_RANGE_TYPE_16 = 0x00;
export const PCI_IO_RANGE_TYPE_32 = 0x01;
export const PCI_IO_RANGE_MASK = 0xf0;
export const PCI_MEMORY_RANGE_MASK = 0xfff0;
export const PCI_PREF_RANGE_TYPE_MASK = 0x0f;
export const PCI_PREF_RANGE_TYPE_64 = 0x01;
export const PCI_PREF_RANGE_MASK = 0xfff0;
/** Window granularity: I/O 4 KiB, memory 1 MiB. */
export const PCI_IO_WINDOW_GRANULARITY = 0x1000;
export const PCI_MEMORY_WINDOW_GRANULARITY = 0x100000;

export const PCI_BRIDGE_CTL_PARITY = 0x001;
export const PCI_BRIDGE_CTL_SERR = 0x002;
export const PCI_BRIDGE_CTL_ISA = 0x004;
export const PCI_BRIDGE_CTL_VGA = 0x008;
export const PCI_BRIDGE_CTL_VGA_16BIT = 0x010;
export const PCI_BRIDGE_CTL_MASTER_ABORT = 0x020;
export const PCI_BRIDGE_CTL_BUS_RESET = 0x040;
export const PCI_BRIDGE_CTL_FAST_BACK = 0x080;
export const PCI_BRIDGE_CTL_DISCARD = 0x100;
export const PCI_BRIDGE_CTL_SEC_DISCARD = 0x200;
export const PCI_BRIDGE_CTL_DISCARD_STATUS = 0x400;
export const PCI_BRIDGE_CTL_DISCARD_SERR = 0x800;

// ---- Command and status ----
export const PCI_COMMAND_IO = 0x001;
export const PCI_COMMAND_MEMORY = 0x002;
export const PCI_COMMAND_MASTER = 0x004;
export const PCI_COMMAND_SPECIAL = 0x008;
export const PCI_COMMAND_INVALIDATE = 0x010;
export const PCI_COMMAND_VGA_PALETTE = 0x020;
export const PCI_COMMAND_PARITY = 0x040;
export const PCI_COMMAND_WAIT = 0x080;
export const PCI_COMMAND_SERR = 0x100;
export const PCI_COMMAND_FAST_BACK = 0x200;
export const PCI_COMMAND_INTX_DISABLE = 0x400;

export const PCI_STATUS_INTERRUPT = 0x0008;
export const PCI_STATUS_CAP_LIST = 0x0010;
export const PCI_STATUS_66MHZ = 0x0020;
export const PCI_STATUS_FAST_BACK = 0x0080;
export const PCI_STATUS_PARITY = 0x0100;
export const PCI_STATUS_DEVSEL_MEDIUM = 0x0200;
export const PCI_STATUS_SIG_TARGET_ABORT = 0x0800;
export const PCI_STATUS_REC_TARGET_ABORT = 0x1000;
export const PCI_STATUS_REC_MASTER_ABORT = 0x2000;
export const PCI_STATUS_SIG_SYSTEM_ERROR = 0x4000;
export const PCI_STATUS_DETECTED_PARITY = 0x8000;

export const PCI_HEADER_TYPE_NORMAL = 0;
export const PCI_HEADER_TYPE_BRIDGE = 1;
export const PCI_HEADER_TYPE_MULTI_FUNCTION = 0x80;

// ---- BARs ----
export const PCI_BASE_ADDRESS_SPACE_IO = 0x01;
export const PCI_BASE_ADDRESS_SPACE_MEMORY = 0x00;
export const PCI_BASE_ADDRESS_MEM_TYPE_64 = 0x04;
export const PCI_BASE_ADDRESS_MEM_PREFETCH = 0x08;
export const PCI_BASE_ADDRESS_IO_MASK = 0xfffffffc;
export const PCI_BASE_ADDRESS_MEM_MASK = 0xfffffff0;
export const PCI_ROM_ADDRESS_ENABLE = 0x01;
export const PCI_ROM_ADDRESS_MASK = 0xfffff800;
/** Six BARs plus the expansion ROM (QEMU's region 6). */
export const PCI_NUM_REGIONS = 7;
export const PCI_ROM_SLOT = 6;
/** A type 1 header has only BAR0 and BAR1. */
export const PCI_BRIDGE_NUM_BARS = 2;

// ---- Capability ids (PCI 3.0 appendix H) ----
export const PCI_CAP_ID_PM = 0x01;
export const PCI_CAP_ID_AGP = 0x02;
export const PCI_CAP_ID_VPD = 0x03;
export const PCI_CAP_ID_SLOTID = 0x04;
export const PCI_CAP_ID_MSI = 0x05;
export const PCI_CAP_ID_CHSWP = 0x06;
export const PCI_CAP_ID_PCIX = 0x07;
export const PCI_CAP_ID_HT = 0x08;
export const PCI_CAP_ID_VNDR = 0x09;
export const PCI_CAP_ID_DBG = 0x0a;
export const PCI_CAP_ID_CCRC = 0x0b;
export const PCI_CAP_ID_SHPC = 0x0c;
export const PCI_CAP_ID_SSVID = 0x0d;
export const PCI_CAP_ID_AGP3 = 0x0e;
export const PCI_CAP_ID_SECDEV = 0x0f;
export const PCI_CAP_ID_EXP = 0x10;
export const PCI_CAP_ID_MSIX = 0x11;
export const PCI_CAP_ID_SATA = 0x12;
export const PCI_CAP_ID_AF = 0x13;
export const PCI_CAP_LIST_ID = 0;
export const PCI_CAP_LIST_NEXT = 1;
export const PCI_CAP_FLAGS = 2;

// ---- Extended capability ids (PCIe 4.0 §7.6) ----
export const PCI_EXT_CAP_ID_ERR = 0x0001;
export const PCI_EXT_CAP_ID_VC = 0x0002;
export const PCI_EXT_CAP_ID_DSN = 0x0003;
export const PCI_EXT_CAP_ID_ACS = 0x000d;
export const PCI_EXT_CAP_ID_ARI = 0x000e;
/** Offset of the first extended capability. */
export const PCI_CONFIG_EXT_CAP_START = 0x100;

// ---- PCI Express capability (PCIe 4.0 §7.5.3) ----
export const PCI_EXP_FLAGS = 2;
export const PCI_EXP_FLAGS_VERS_2 = 0x0002;
export const PCI_EXP_FLAGS_SLOT = 0x0100;
export const PCI_EXP_TYPE_ENDPOINT = 0x0;
export const PCI_EXP_TYPE_LEG_END = 0x1;
export const PCI_EXP_TYPE_ROOT_PORT = 0x4;
export const PCI_EXP_TYPE_UPSTREAM = 0x5;
export const PCI_EXP_TYPE_DOWNSTREAM = 0x6;
export const PCI_EXP_TYPE_PCI_BRIDGE = 0x7;
export const PCI_EXP_TYPE_RC_END = 0x9;
export const PCI_EXP_DEVCAP = 4;
export const PCI_EXP_DEVCTL = 8;
export const PCI_EXP_DEVSTA = 10;
export const PCI_EXP_LNKCAP = 12;
export const PCI_EXP_LNKCTL = 16;
export const PCI_EXP_LNKSTA = 18;
export const PCI_EXP_SLTCAP = 20;
export const PCI_EXP_SLTCTL = 24;
export const PCI_EXP_SLTSTA = 26;
export const PCI_EXP_RTCTL = 28;
export const PCI_EXP_RTSTA = 32;
export const PCI_EXP_DEVCAP2 = 36;
export const PCI_EXP_DEVCTL2 = 40;
export const PCI_EXP_LNKCAP2 = 44;
export const PCI_EXP_LNKCTL2 = 48;
/** Version 2 capability structure length. */
export const PCI_EXP_VER2_SIZEOF = 0x3c;
export const PCI_EXP_SLTCAP_ABP = 0x00000001;
export const PCI_EXP_SLTCAP_PCP = 0x00000002;
export const PCI_EXP_SLTCAP_AIP = 0x00000008;
export const PCI_EXP_SLTCAP_PIP = 0x00000010;
export const PCI_EXP_SLTCAP_HPS = 0x00000020;
export const PCI_EXP_SLTCAP_HPC = 0x00000040;
export const PCI_EXP_SLTCAP_PSN_SHIFT = 19;
export const PCI_EXP_SLTSTA_PDS = 0x0040;
export const PCI_EXP_LNKSTA_DLLLA = 0x2000;

// ---- MSI / MSI-X ----
export const PCI_MSI_FLAGS = 2;
export const PCI_MSI_FLAGS_ENABLE = 0x0001;
export const PCI_MSI_FLAGS_64BIT = 0x0080;
export const PCI_MSI_FLAGS_MASKBIT = 0x0100;
export const PCI_MSIX_FLAGS = 2;
export const PCI_MSIX_FLAGS_ENABLE = 0x8000;
export const PCI_MSIX_FLAGS_MASKALL = 0x4000;
export const PCI_MSIX_TABLE = 4;
export const PCI_MSIX_PBA = 8;
export const PCI_MSIX_SIZEOF = 12;
export const PCI_PM_SIZEOF = 8;
export const PCI_PM_CTRL = 4;

// ---- Red Hat / QEMU ids (QEMU docs/specs/pci-ids.txt) ----
export const PCI_VENDOR_ID_INTEL = 0x8086;
export const PCI_VENDOR_ID_REDHAT = 0x1b36;
export const PCI_VENDOR_ID_REDHAT_QUMRANET = 0x1af4;
export const PCI_VENDOR_ID_QEMU = 0x1234;
/** QEMU's subsystem id on emulated hardware: SeaBIOS detects QEMU by 1af4:1100. */
export const PCI_SUBVENDOR_ID_REDHAT_QUMRANET = 0x1af4;
export const PCI_SUBDEVICE_ID_QEMU = 0x1100;
export const PCI_DEVICE_ID_REDHAT_BRIDGE = 0x0001;
export const PCI_DEVICE_ID_REDHAT_PXB = 0x0009;
export const PCI_DEVICE_ID_REDHAT_PXB_PCIE = 0x000b;
export const PCI_DEVICE_ID_REDHAT_PCIE_RP = 0x000c;
export const PCI_DEVICE_ID_REDHAT_NVME = 0x0010;
/** The v19 (2016, never merged) PCI vmgenid design used 1b36:0009 before PXB took it. */
export const PCI_DEVICE_ID_REDHAT_VMGENID_V19 = 0x0009;
export const PCI_DEVICE_ID_VIRTIO_NET_TRANSITIONAL = 0x1000;
export const PCI_DEVICE_ID_VIRTIO_MODERN_BASE = 0x1040;
export const PCI_DEVICE_ID_IVSHMEM = 0x1110;
export const PCI_DEVICE_ID_QEMU_VGA = 0x1111;
export const VIRTIO_ID_NET = 1;
export const VIRTIO_ID_GPU = 16;

/** Red Hat vendor capability type 1: resource reservation for a bridge's secondary bus (SeaBIOS reads it). */
export const REDHAT_PCI_CAP_RESOURCE_RESERVE = 1;
/** Layout of that capability: u32 bus_res @4, u64 io @8, u32 mem @16, u32 pref32 @20, u64 pref64 @24. */
export const REDHAT_PCI_CAP_RES_RESERVE_BUS_RES = 4;
export const REDHAT_PCI_CAP_RES_RESERVE_IO = 8;
export const REDHAT_PCI_CAP_RES_RESERVE_MEM = 16;
export const REDHAT_PCI_CAP_RES_RESERVE_PREF_MEM_32 = 20;
export const REDHAT_PCI_CAP_RES_RESERVE_PREF_MEM_64 = 24;
export const REDHAT_PCI_CAP_RES_RESERVE_CAP_SIZE = 32;

// ---- Class codes (base << 8 | sub) ----
export const PCI_CLASS_STORAGE_IDE = 0x0101;
export const PCI_CLASS_STORAGE_SATA = 0x0106;
export const PCI_CLASS_STORAGE_EXPRESS = 0x0108;
export const PCI_CLASS_NETWORK_ETHERNET = 0x0200;
export const PCI_CLASS_DISPLAY_VGA = 0x0300;
export const PCI_CLASS_DISPLAY_OTHER = 0x0380;
export const PCI_CLASS_MEMORY_RAM = 0x0500;
export const PCI_CLASS_BRIDGE_HOST = 0x0600;
export const PCI_CLASS_BRIDGE_ISA = 0x0601;
export const PCI_CLASS_BRIDGE_PCI = 0x0604;
export const PCI_CLASS_BRIDGE_OTHER = 0x0680;
export const PCI_CLASS_SERIAL_USB = 0x0c03;
export const PCI_CLASS_SERIAL_SMBUS = 0x0c05;

/** The names QEMU's `info pci` / `query-pci` give class codes (others have none). */
export const PCI_CLASS_DESCRIPTIONS: Readonly<Record<number, string>> = {
  0x0001: 'VGA controller', 0x0100: 'SCSI controller', 0x0101: 'IDE controller', 0x0102: 'Floppy controller',
  0x0103: 'IPI controller', 0x0104: 'RAID controller', 0x0106: 'SATA controller', 0x0107: 'SAS controller',
  0x0180: 'Storage controller', 0x0200: 'Ethernet controller', 0x0201: 'Token Ring controller',
  0x0202: 'FDDI controller', 0x0203: 'ATM controller', 0x0280: 'Network controller', 0x0300: 'VGA controller',
  0x0301: 'XGA controller', 0x0302: '3D controller', 0x0380: 'Display controller', 0x0400: 'Video controller',
  0x0401: 'Audio controller', 0x0402: 'Phone', 0x0403: 'Audio controller', 0x0480: 'Multimedia controller',
  0x0500: 'RAM controller', 0x0501: 'Flash controller', 0x0580: 'Memory controller', 0x0600: 'Host bridge',
  0x0601: 'ISA bridge', 0x0602: 'EISA bridge', 0x0603: 'MC bridge', 0x0604: 'PCI bridge', 0x0605: 'PCMCIA bridge',
  0x0606: 'NUBUS bridge', 0x0607: 'CARDBUS bridge', 0x0608: 'RACEWAY bridge', 0x0680: 'Bridge',
  0x0700: 'Serial port', 0x0701: 'Parallel port', 0x0800: 'Interrupt controller', 0x0801: 'DMA controller',
  0x0802: 'Timer', 0x0803: 'RTC', 0x0900: 'Keyboard', 0x0901: 'Pen', 0x0902: 'Mouse', 0x0a00: 'Dock station',
  0x0b00: 'i386 cpu', 0x0c00: 'Firewire controller', 0x0c01: 'Access bus controller', 0x0c02: 'SSA controller',
  0x0c03: 'USB controller', 0x0c04: 'Fibre channel controller', 0x0c05: 'SMBus',
};

// ---- Chipset registers (Intel 440FX, PIIX4, 3 Series MCH, ICH9 datasheets) ----
export const I440FX_PAM = 0x59;
export const I440FX_PAM_SIZE = 7;
export const I440FX_SMRAM = 0x72;
/** SMRAM control (i440FX 0x72, MCH 0x9D): C_BASE_SEG = A0000h (2), G_SMRAME (0x08), D_OPEN (0x40). */
export const SMRAM_C_BASE_SEG_A0000 = 0x02;
export const SMRAM_G_SMRAME = 0x08;
export const SMRAM_D_OPEN = 0x40;
/** PIIX4 PM DEVACTB: APMC_EN (bit 25) makes a write to the APM control port an SMI. */
export const PIIX4_DEVACTB = 0x58;
export const PIIX4_DEVACTB_APMC_EN = 1 << 25;
/** ICH9 LPC GEN_PMCON_1: SMI_LOCK (bit 4) freezes SMI_EN.GBL_SMI_EN. */
export const ICH9_LPC_GEN_PMCON_1 = 0xa0;
export const ICH9_LPC_GEN_PMCON_1_SMI_LOCK = 0x10;
export const PIIX_PIRQCA = 0x60;
export const PIIX4_PMBA = 0x40;
export const PIIX4_PMREGMISC = 0x80;
export const PIIX4_SMBHSTBASE = 0x90;
export const PIIX4_SMBHSTCFG = 0xd2;
export const MCH_HOST_BRIDGE_PCIEXBAR = 0x60;
export const MCH_HOST_BRIDGE_PCIEXBAREN = 0x1;
export const MCH_HOST_BRIDGE_PCIEXBAR_LENGTH_MASK = 0x6;
export const MCH_HOST_BRIDGE_PAM0 = 0x90;
export const MCH_HOST_BRIDGE_SMRAM = 0x9d;
export const MCH_HOST_BRIDGE_ESMRAMC = 0x9e;
export const ICH9_LPC_PMBASE = 0x40;
export const ICH9_LPC_PMBASE_RTE = 0x1;
export const ICH9_LPC_PMBASE_BASE_ADDRESS_MASK = 0xff80;
export const ICH9_LPC_ACPI_CTRL = 0x44;
export const ICH9_LPC_ACPI_CTRL_ACPI_EN = 0x80;
export const ICH9_LPC_PIRQA_ROUT = 0x60;
export const ICH9_LPC_PIRQE_ROUT = 0x68;
export const ICH9_LPC_PIRQ_ROUT_DEFAULT = 0x80;
export const ICH9_LPC_RCBA = 0xf0;
export const ICH9_LPC_RCBA_EN = 0x1;
export const ICH9_LPC_RCBA_BA_MASK = 0xffffc000;
export const ICH9_SMB_HOSTC = 0x40;

// ---- ACPI PCI hot-plug registers (QEMU docs/specs/acpi_pci_hotplug.txt) ----
/** Slots being added (read; cleared on read). */
export const PCI_HP_UP = 0x00;
/** Slots the host asks the guest to eject. */
export const PCI_HP_DOWN = 0x04;
/** Write a slot bit to eject it. */
export const PCI_HP_EJ = 0x08;
/** Slots that may be hot-removed. */
export const PCI_HP_RMV = 0x0c;
/** Bus selector (BNUM/"bsel") the other registers refer to. */
export const PCI_HP_SEL = 0x10;
/** ACPI index of the selected slot (write a slot bit, read the index back). */
export const PCI_HP_AIDX = 0x14;
/** GPE0 status bit the hot-plug controller raises. */
export const ACPI_PCI_HOTPLUG_GPE_BIT = 1;
