/**
 * Every physical address and I/O port of the two boards, in ascending order.
 * What both boards share comes first; `PC_*` and `Q35_*` are board-specific.
 * Sources: QEMU 7.2 hw/i386/pc.c, pc_piix.c, pc_q35.c, include/hw/i386/pc.h,
 * ../shared/reference/qemu-host.md §5.
 */
import { GiB, KiB, MiB, TiB } from '../../lib/size.js';

// ---- Physical memory, both boards ----
/** Conventional memory ends at 640 KiB; SeaBIOS keeps its EBDA just below. */
export const LOW_MEMORY_END = 0xa0000;
/** Legacy VGA window 0xA0000–0xBFFFF (routed to PCI/VGA, SMRAM closed). */
export const VGA_WINDOW_BASE = 0xa0000;
export const VGA_WINDOW_SIZE = 0x20000;
/** PAM-controlled shadow area: 0xC0000–0xFFFFF (12 × 16 KiB segments + the 64 KiB F-segment). */
export const PAM_BASE = 0xc0000;
export const PAM_SEGMENT_SIZE = 0x4000;
export const PAM_EXPANSION_SEGMENTS = 12;
/** The E- and F-segments where the RSDP is searched (ACPI 6.5 §5.2.5.1). */
export const BIOS_E_SEGMENT = 0xe0000;
export const BIOS_F_SEGMENT = 0xf0000;
/** The last 128 KiB of the BIOS ROM is aliased below 1 MiB (`isa-bios`). */
export const ISA_BIOS_BASE = 0xe0000;
export const ISA_BIOS_SIZE = 128 * KiB;
export const ONE_MIB = MiB;
export const SIXTEEN_MIB = 16 * MiB;
/** The 32-bit PCI hole ends where the I/O APIC starts (`pci-hole-end`). */
export const PCI_HOLE_END = 0xfec00000;
export const IOAPIC_BASE = 0xfec00000;
export const IOAPIC_SIZE = 0x1000;
export const HPET_BASE = 0xfed00000;
export const HPET_SIZE = 0x400;
export const LAPIC_BASE = 0xfee00000;
export const LAPIC_SIZE = 0x100000;
/** The BIOS ROM sits just below 4 GiB: base = 4 GiB − ROM size (256 KiB → 0xFFFC0000). */
export const BIOS_ROM_END = 4 * GiB;
export const ABOVE_4G_MEM_START = 4 * GiB;
/** AMD HyperTransport reserved range, listed first in etc/e820 on AMD CPU models (7.1+). */
export const AMD_HT_START = 0xfd_0000_0000;
export const AMD_HT_END = 0x100_0000_0000;
/** High RAM moves here when it would reach the HyperTransport hole. */
export const ONE_TIB = TiB;

// ---- I/O ports, both boards ----
export const PORT_PIC_MASTER = 0x20;
/** Each 8259 decodes two ports (command, data). */
export const PORT_PIC_LEN = 2;
export const PORT_PIT = 0x40;
/** Counters 0-2 and the control word. */
export const PORT_PIT_LEN = 4;
export const PIT_IRQ = 0;
export const PORT_KBD_DATA = 0x60;
/** i8042 status/command port. */
export const PORT_KBD_STATUS = 0x64;
/** PC speaker / counter 2 gate and output (QEMU's pcspk). */
export const PORT_SPEAKER = 0x61;
export const KBD_IRQ = 1;
export const MOUSE_IRQ = 12;
export const PORT_CMOS = 0x70;
export const PORT_CMOS_LEN = 2;
export const RTC_IRQ = 8;
export const PORT_A20 = 0x92;
export const PORT_PIC_SLAVE = 0xa0;
export const PORT_APM = 0xb2;
export const PORT_APM_LEN = 2;
export const PORT_IDE_PRIMARY = 0x1f0;
export const PORT_LPT1 = 0x378;
export const PORT_LPT_LEN = 8;
export const LPT1_IRQ = 7;
/** The ISA floppy controller's block 0x3F0–0x3F7 (DOR at +2, DIR at +7), IRQ 6, DMA channel 2. */
export const PORT_FDC = 0x3f0;
export const FDC_IRQ = 6;
export const FDC_DMA = 2;
export const PORT_COM1 = 0x3f8;
export const PORT_COM2 = 0x2f8;
export const PORT_COM_LEN = 8;
export const COM1_IRQ = 4;
/** QEMU's ISA serial ports by index (MAX_ISA_SERIAL_PORTS = 4): COM1-COM4's ports and IRQs. */
export const COM_PORTS: readonly number[] = [PORT_COM1, PORT_COM2, 0x3e8, 0x2e8];
export const COM_IRQS: readonly number[] = [COM1_IRQ, 3, 4, 3];
export const PORT_DEBUGCON = 0x402;
/** The 8259 edge/level control registers of PIIX3/ICH9: 0x4D0 master, 0x4D1 slave. */
export const PORT_ELCR = 0x4d0;
export const PORT_FW_CFG = 0x510;
export const PORT_FW_CFG_LEN = 2;
export const PORT_FW_CFG_DMA = 0x514;
export const PORT_FW_CFG_DMA_LEN = 8;
/** QEMU's ACPI memory hot-plug block (MEMORY_HOTPLUG_IO_BASE), both boards. */
export const MEMORY_HOTPLUG_BASE = 0x0a00;
export const MEMORY_HOTPLUG_LEN = 0x18;
/** QEMU's NVDIMM DSM notification port (NVDIMM_ACPI_IO_BASE), both boards with nvdimm=on. */
export const NVDIMM_ACPI_IO_BASE = 0x0a18;
export const NVDIMM_ACPI_IO_LEN = 4;
export const PORT_PCI_CONFIG_ADDRESS = 0xcf8;
export const PORT_RESET_CONTROL = 0xcf9;
export const PORT_PCI_CONFIG_DATA = 0xcfc;
/** PCI I/O space the host bridge forwards above the config ports (0xD00–0xFFFF). */
export const PCI_IO_WINDOW_START = 0xd00;
/** Where SeaBIOS puts the PM block on both boards once etc/table-loader exists (OVMF on pc: 0xB000). */
export const SEABIOS_PM_BASE = 0x600;

// ---- pc (i440FX + PIIX3/PIIX4) ----
/** RAM at or above this size gets its low part capped at PC_LOWMEM_CAP (`max-ram-below-4g`). */
export const PC_MAX_RAM_BELOW_4G = 0xe0000000;
export const PC_LOWMEM_CAP = 0xc0000000;
export const PC_PCI_HOLE64_SIZE = 2 * GiB;
export const PC_PCI_HOTPLUG_BASE = 0xae00;
/** ACPI_PCIHP_SIZE: 0x18 on both boards (the fixtures' DSDT "PCI Hotplug resources" _CRS). */
export const PC_PCI_HOTPLUG_LEN = 0x18;
export const PC_CPU_HOTPLUG_BASE = 0xaf00;
/** ACPI_CPU_HOTPLUG_REG_LEN: the "modern" CPU hot-plug register block, both boards. */
export const CPU_HOTPLUG_LEN = 0x0c;
export const PC_GPE0_BASE = 0xafe0;
export const PC_GPE0_LEN = 4;

// ---- q35 (MCH + ICH9) ----
/** Q35_LOWMEM_THRESHOLD and above: low RAM is Q35_LOWMEM_CAP; below, all RAM is low. */
export const Q35_LOWMEM_THRESHOLD = 0xb0000000;
export const Q35_LOWMEM_CAP = 0x80000000;
/** MCH PCIEXBAR reset value (enable bit clear); SeaBIOS writes 0xB0000001: 256 MiB at 0xB0000000. */
export const Q35_PCIEXBAR_DEFAULT = 0xb0000000;
export const Q35_PCIEXBAR_SIZE = 256 * MiB;
export const Q35_PCI_HOLE64_SIZE = 32 * GiB;
export const Q35_PCI_HOTPLUG_BASE = 0x0cc0;
export const Q35_PCI_HOTPLUG_LEN = 0x18;
export const Q35_CPU_HOTPLUG_BASE = 0x0cd8;
export const Q35_RCBA_DEFAULT = 0xfed1c000;
export const Q35_RCBA_SIZE = 16 * KiB;

/** pvpanic's ISA port (QEMU's default `ioport` of -device pvpanic). */
export const PORT_PVPANIC = 0x505;
