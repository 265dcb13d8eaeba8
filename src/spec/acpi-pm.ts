/** ACPI fixed hardware register bits (ACPI 6.5 §4.8.3) and the PC chipsets' PM I/O layouts. */

export const ACPI_BITMASK_TIMER_STATUS = 0x0001;
export const ACPI_BITMASK_GLOBAL_LOCK_STATUS = 0x0020;
export const ACPI_BITMASK_POWER_BUTTON_STATUS = 0x0100;
export const ACPI_BITMASK_RT_CLOCK_STATUS = 0x0400;
export const ACPI_BITMASK_WAKE_STATUS = 0x8000;

/** PM1_EN: the PM timer and RTC enables (QEMU lets them wake a suspended machine), the power button's. */
export const ACPI_BITMASK_TIMER_ENABLE = 0x0001;
export const ACPI_BITMASK_POWER_BUTTON_ENABLE = 0x0100;
export const ACPI_BITMASK_RT_CLOCK_ENABLE = 0x0400;

export const ACPI_BITMASK_SCI_ENABLE = 0x0001;
export const ACPI_BITMASK_SLEEP_TYPE = 0x1c00;
export const ACPI_BITMASK_SLEEP_ENABLE = 0x2000;

/** The PM timer runs at 3.579545 MHz and is 24 bits wide on PIIX4 and ICH9 (TMR_VAL_EXT clear). */
export const PM_TIMER_FREQUENCY = 3_579_545;
export const PM_TIMER_BITS = 24;

/** Offsets inside the PM I/O block at PMBASE (PIIX4 and ICH9 agree on the first 12 bytes). */
export const PM1_STS = 0x00;
export const PM1_EN = 0x02;
export const PM1_CNT = 0x04;
export const PM_TMR = 0x08;

/** PIIX4: 64-byte PM block; its GPE0 block is fixed at 0xAFE0, 4 bytes (2 STS + 2 EN). */
export const PIIX4_PM_IO_LEN = 0x40;
export const PIIX4_GPE0_BASE = 0xafe0;
export const PIIX4_GPE0_LEN = 4;

/** ICH9: 128-byte PM block; GPE0 at PMBASE+0x20, 16 bytes (8 STS + 8 EN); SMI_EN at +0x30. */
export const ICH9_PM_IO_LEN = 0x80;
export const ICH9_GPE0_OFFSET = 0x20;
export const ICH9_GPE0_LEN = 0x10;
export const ICH9_SMI_EN = 0x30;
/** SMI_EN bits: GBL_SMI_EN (0) and APMC_EN (5, a write to the APM control port is an SMI). */
export const ICH9_SMI_EN_GBL_SMI_EN = 0x01;
export const ICH9_SMI_EN_APMC_EN = 0x20;

/** APM control port: writing ACPI_ENABLE/ACPI_DISABLE (FADT values) toggles SCI_EN. */
export const APM_CNT_PORT = 0xb2;
export const APM_STS_PORT = 0xb3;
export const PIIX4_ACPI_ENABLE = 0xf1;
export const PIIX4_ACPI_DISABLE = 0xf0;
export const ICH9_ACPI_ENABLE = 0x02;
export const ICH9_ACPI_DISABLE = 0x03;

/** The SCI is GSI 9 on both boards (FADT SCI_INT). */
export const SCI_IRQ = 9;

/** GPE0 status bits QEMU uses (guest ABI): PCI hot-plug and the VM generation ID change. */
export const ACPI_PCI_HOTPLUG_STATUS_BIT = 1;
export const ACPI_VMGENID_CHANGE_STATUS_BIT = 5;
/** QEMU's CPU, memory and NVDIMM hot-plug GPE0 bits (\_GPE._E02, _E03, _E04). */
export const ACPI_CPU_HOTPLUG_STATUS_BIT = 2;
export const ACPI_MEMORY_HOTPLUG_STATUS_BIT = 3;
export const ACPI_NVDIMM_HOTPLUG_STATUS_BIT = 4;
