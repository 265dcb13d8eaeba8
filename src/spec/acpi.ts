/**
 * ACPI table layouts fwlab builds and the firmware/guest read (ACPI 6.5 §5.2; QEMU 7.2's
 * choices in ../shared/reference/qemu-host.md §4).
 */
export const ACPI_SIG = {
  RSDP: 'RSD PTR ',
  RSDT: 'RSDT',
  XSDT: 'XSDT',
  FACP: 'FACP',
  FACS: 'FACS',
  DSDT: 'DSDT',
  SSDT: 'SSDT',
  APIC: 'APIC',
  HPET: 'HPET',
  MCFG: 'MCFG',
  WAET: 'WAET',
  SRAT: 'SRAT',
  NFIT: 'NFIT',
} as const;

/** The common 36-byte System Description Table header (§5.2.6). */
export const ACPI_HEADER_SIZE = 36;
export const ACPI_HEADER = {
  signature: 0, length: 4, revision: 8, checksum: 9, oemId: 10, oemTableId: 16, oemRevision: 24,
  creatorId: 28, creatorRevision: 32,
} as const;

/** RSDP (§5.2.5.3): revision 0 is 20 bytes; revision 2 is 36. */
export const RSDP_V1_SIZE = 20;
export const RSDP_V2_SIZE = 36;
export const RSDP = {
  signature: 0, checksum: 8, oemId: 9, revision: 15, rsdtAddress: 16, length: 20, xsdtAddress: 24,
  extendedChecksum: 32,
} as const;

export const FACS_SIZE = 64;

/** FADT (§5.2.9) field offsets. */
export const FADT = {
  FIRMWARE_CTRL: 36, DSDT: 40, INT_MODEL: 44, Preferred_PM_Profile: 45, SCI_INT: 46, SMI_CMD: 48,
  ACPI_ENABLE: 52, ACPI_DISABLE: 53, S4BIOS_REQ: 54, PSTATE_CNT: 55, PM1a_EVT_BLK: 56, PM1b_EVT_BLK: 60,
  PM1a_CNT_BLK: 64, PM1b_CNT_BLK: 68, PM2_CNT_BLK: 72, PM_TMR_BLK: 76, GPE0_BLK: 80, GPE1_BLK: 84,
  PM1_EVT_LEN: 88, PM1_CNT_LEN: 89, PM2_CNT_LEN: 90, PM_TMR_LEN: 91, GPE0_BLK_LEN: 92, GPE1_BLK_LEN: 93,
  GPE1_BASE: 94, CST_CNT: 95, P_LVL2_LAT: 96, P_LVL3_LAT: 98, FLUSH_SIZE: 100, FLUSH_STRIDE: 102,
  DUTY_OFFSET: 104, DUTY_WIDTH: 105, DAY_ALRM: 106, MON_ALRM: 107, CENTURY: 108, IAPC_BOOT_ARCH: 109,
  Flags: 112, RESET_REG: 116, RESET_VALUE: 128, ARM_BOOT_ARCH: 129, FADT_Minor_Version: 131,
  X_FIRMWARE_CTRL: 132, X_DSDT: 140, X_PM1a_EVT_BLK: 148, X_PM1b_EVT_BLK: 160, X_PM1a_CNT_BLK: 172,
  X_PM1b_CNT_BLK: 184, X_PM2_CNT_BLK: 196, X_PM_TMR_BLK: 208, X_GPE0_BLK: 220, X_GPE1_BLK: 232,
} as const;
export const FADT_REV1_SIZE = 116;
export const FADT_REV3_SIZE = 244;

/** FADT Flags bits (§5.2.9 Table 5.10). */
export const FADT_FLAG = {
  WBINVD: 1 << 0, PROC_C1: 1 << 2, PWR_BUTTON: 1 << 4, SLP_BUTTON: 1 << 5, RTC_S4: 1 << 7, RESET_REG_SUP: 1 << 10,
  USE_PLATFORM_CLOCK: 1 << 15, FORCE_APIC_CLUSTER_MODEL: 1 << 18,
} as const;
/** IA-PC boot architecture flags. */
export const IAPC_BOOT_ARCH_8042 = 0x0002;

/** Generic Address Structure (§5.2.3.2): 12 bytes. */
export const GAS_SIZE = 12;
export const GAS = { spaceId: 0, bitWidth: 1, bitOffset: 2, accessSize: 3, address: 4 } as const;
export const GAS_SPACE = { SystemMemory: 0, SystemIO: 1, PCI_Config: 2 } as const;

/** MADT (§5.2.12) structure types. */
export const MADT_TYPE = {
  LOCAL_APIC: 0, IO_APIC: 1, INTERRUPT_OVERRIDE: 2, LOCAL_APIC_NMI: 4, LOCAL_X2APIC: 9, LOCAL_X2APIC_NMI: 0x0a,
} as const;
export const MADT_PCAT_COMPAT = 1;

/** NFIT structure types (§5.2.25). */
export const NFIT_TYPE = { SPA_RANGE: 0, REGION_MAPPING: 1, CONTROL_REGION: 4 } as const;
/** SRAT structure types (§5.2.16). */
export const SRAT_TYPE = { PROCESSOR_APIC: 0, MEMORY: 1 } as const;
export const SRAT_MEM_ENABLED = 1 << 0;
export const SRAT_MEM_HOTPLUGGABLE = 1 << 1;
export const SRAT_MEM_NON_VOLATILE = 1 << 2;
