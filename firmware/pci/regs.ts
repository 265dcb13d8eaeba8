/** PCI configuration-space registers and values the firmware uses (PCI Local Bus 3.0, PCI-PCI bridge 1.2). */
export const PCI_VENDOR_ID = 0x00;
export const PCI_DEVICE_ID = 0x02;
export const PCI_COMMAND = 0x04;
export const PCI_COMMAND_IO = 0x1;
export const PCI_COMMAND_MEMORY = 0x2;
export const PCI_COMMAND_MASTER = 0x4;
export const PCI_COMMAND_SERR = 0x100;
export const PCI_STATUS = 0x06;
export const PCI_STATUS_CAP_LIST = 0x10;
export const PCI_CLASS_REVISION = 0x08;
export const PCI_CLASS_PROG = 0x09;
export const PCI_CLASS_DEVICE = 0x0a;
export const PCI_HEADER_TYPE = 0x0e;
export const PCI_HEADER_TYPE_MULTI_FUNCTION = 0x80;
export const PCI_HEADER_TYPE_BRIDGE = 1;
export const PCI_HEADER_TYPE_CARDBUS = 2;
export const PCI_BASE_ADDRESS_0 = 0x10;
export const PCI_BASE_ADDRESS_SPACE_IO = 0x1;
export const PCI_BASE_ADDRESS_MEM_TYPE_64 = 0x4;
export const PCI_BASE_ADDRESS_MEM_PREFETCH = 0x8;
export const PCI_SUBSYSTEM_VENDOR_ID = 0x2c;
export const PCI_SUBSYSTEM_ID = 0x2e;
export const PCI_ROM_ADDRESS = 0x30;
export const PCI_ROM_ADDRESS1 = 0x38;
export const PCI_ROM_ADDRESS_MASK = 0xfffff800;
export const PCI_CAPABILITY_LIST = 0x34;
export const PCI_INTERRUPT_LINE = 0x3c;
export const PCI_INTERRUPT_PIN = 0x3d;

export const PCI_PRIMARY_BUS = 0x18;
export const PCI_SECONDARY_BUS = 0x19;
export const PCI_SUBORDINATE_BUS = 0x1a;
export const PCI_IO_BASE = 0x1c;
export const PCI_IO_LIMIT = 0x1d;
export const PCI_MEMORY_BASE = 0x20;
export const PCI_MEMORY_LIMIT = 0x22;
export const PCI_PREF_MEMORY_BASE = 0x24;
export const PCI_PREF_MEMORY_LIMIT = 0x26;
export const PCI_PREF_RANGE_TYPE_64 = 0x01;
export const PCI_PREF_BASE_UPPER32 = 0x28;
export const PCI_PREF_LIMIT_UPPER32 = 0x2c;
export const PCI_IO_BASE_UPPER16 = 0x30;
export const PCI_IO_LIMIT_UPPER16 = 0x32;
export const PCI_BRIDGE_CONTROL = 0x3e;
export const PCI_BRIDGE_CTL_SERR = 0x02;
export const PCI_BRIDGE_CTL_VGA = 0x08;

export const PCI_CAP_ID_VNDR = 0x09;
export const PCI_CAP_ID_SHPC = 0x0c;
export const PCI_CAP_ID_EXP = 0x10;
/** PCIe capability: flags at +2 (port type in bits 7:4, slot implemented bit 8). */
export const PCI_EXP_FLAGS = 2;
export const PCI_EXP_FLAGS_TYPE = 0x00f0;
export const PCI_EXP_FLAGS_SLOT = 0x0100;
export const PCI_EXP_TYPE_ROOT_PORT = 0x4;
export const PCI_EXP_TYPE_DOWNSTREAM = 0x6;
export const PCI_EXP_TYPE_PCI_BRIDGE = 0x7;
/** PCIe slot capabilities at +0x14: hot-plug capable bit 6. */
export const PCI_EXP_SLTCAP = 0x14;
export const PCI_EXP_SLTCAP_HPC = 0x40;

export const PCI_CLASS_STORAGE_IDE = 0x0101;
export const PCI_CLASS_DISPLAY_VGA = 0x0300;
export const PCI_CLASS_BRIDGE_PCI = 0x0604;
export const PCI_CLASS_SERIAL_USB = 0x0c03;

export const PCI_VENDOR_ID_INTEL = 0x8086;
export const PCI_VENDOR_ID_REDHAT = 0x1b36;
export const PCI_DEVICE_ID_INTEL_82441 = 0x1237;
export const PCI_DEVICE_ID_INTEL_Q35_MCH = 0x29c0;
export const PCI_DEVICE_ID_INTEL_82371SB_0 = 0x7000;
export const PCI_DEVICE_ID_INTEL_82371SB_1 = 0x7010;
export const PCI_DEVICE_ID_INTEL_82371AB_0 = 0x7110;
export const PCI_DEVICE_ID_INTEL_82371AB = 0x7111;
export const PCI_DEVICE_ID_INTEL_82371AB_3 = 0x7113;
export const PCI_DEVICE_ID_INTEL_ICH9_LPC = 0x2918;
/** Where QEMU's boards put them: PIIX4 PM at 00:01.3 (pc), ICH9 LPC at 00:1f.0 (q35). */
export const QEMU_PIIX4_PM_BDF = (1 << 3) | 3;
export const QEMU_ICH9_LPC_BDF = 0x1f << 3;
export const PCI_DEVICE_ID_INTEL_ICH9_SMBUS = 0x2930;
export const PCI_DEVICE_ID_REDHAT_ROOT_PORT = 0x000c;
export const PCI_DEVICE_ID_REDHAT_BRIDGE = 0x0001;
/** QEMU's PCI subsystem id on the host bridge (SeaBIOS qemu_detect). */
export const PCI_SUBSYS_VENDOR_QEMU = 0x1af4;
export const PCI_SUBSYS_ID_QEMU = 0x1100;

/** Red Hat resource-reserve vendor capability (QEMU docs/pcie_pci_bridge / pci_bridge_qemu_reserve_cap). */
export const REDHAT_CAP_RESOURCE_RESERVE = 1;
export const RES_RESERVE_CAP_SIZE = 0x20;
export const RES_RESERVE_BUS_RES = 4;
export const RES_RESERVE_IO = 8;
export const RES_RESERVE_MEM = 16;
export const RES_RESERVE_PREF_MEM_32 = 20;
export const RES_RESERVE_PREF_MEM_64 = 24;

/** Chipset registers SeaBIOS programs. */
export const I440FX_PAM0 = 0x59;
export const Q35_HOST_BRIDGE_PAM0 = 0x90;
export const Q35_HOST_BRIDGE_PCIEXBAR = 0x60;
export const Q35_PCIEXBAR_ADDR = 0xb0000000;
export const Q35_PCIEXBAR_SIZE = 0x10000000;
export const PIIX_PIRQC = 0x60;
export const ICH9_LPC_PIRQE = 0x68;
export const ICH9_LPC_PMBASE = 0x40;
export const ICH9_LPC_ACPI_CTRL = 0x44;
export const ICH9_LPC_ACPI_CTRL_ACPI_EN = 0x80;
export const ICH9_LPC_RCBA = 0xf0;
export const ICH9_LPC_RCBA_ADDR = 0xfed1c000;
export const ICH9_LPC_RCBA_SIZE = 0x4000;
export const ICH9_SMB_SMB_BASE = 0x20;
export const ICH9_SMB_HOSTC = 0x40;
export const PIIX4_PMBA = 0x40;
export const PIIX4_PMREGMISC = 0x80;
export const PIIX4_SMBHSTBASE = 0x90;
export const PIIX4_SMBHSTCFG = 0xd2;
export const PIIX_IDE_TIM_PRI = 0x40;
export const PIIX_IDE_TIM_SEC = 0x42;
/** The reset control register (PIIX3/ICH9 RCR): 02h then 06h is SeaBIOS's pci_reboot. */
export const PORT_PCI_REBOOT = 0xcf9;
export const PORT_ELCR1 = 0x4d0;
export const PORT_ELCR2 = 0x4d1;
