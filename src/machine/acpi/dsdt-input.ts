import type { FloppyDriveType } from '../devices/fdc/fd-formats.js';
/** What the DSDT describes, read from live machine state by build-acpi.ts. */
import type { AcpiExpander } from './acpi-expanders.js';

/** One PCI function as the DSDT sees it. */
export interface AcpiPciFunction {
  readonly slot: number;
  readonly fn: number;
  /** Base class and subclass, e.g. 0x0601 for an ISA bridge, 0x0c05 for SMBus. */
  readonly classCode: number;
  /** QEMU's DeviceClass.hotpluggable (false for chipset functions); default true. */
  readonly hotpluggable?: boolean;
  /** Describes its D-states in sleep (_S1D/_S2D/_S3D): QEMU 7.2 gives only std VGA that AML. */
  readonly vgaAml?: boolean;
  /** Creation order (QEMU's PCNT calls the bridges' PCNT newest first). */
  readonly plugOrder?: number;
  /** A PCI-PCI bridge (or PCIe root port) with the bus behind it. */
  readonly secondary?: AcpiPciBus | undefined;
}

export interface AcpiPciBus {
  /** ACPI PCI hot-plug bus selector; undefined = no ACPI hot-plug on this bus. */
  readonly bsel?: number | undefined;
  /** PCIe root/downstream ports have a single slot (device 0). */
  readonly singleSlot?: boolean;
  /** Any other PCIe bus (a switch's): QEMU stops describing slots at the first empty one after slot 0. */
  readonly express?: boolean;
  readonly functions: readonly AcpiPciFunction[];
}

export interface AddressRange {
  readonly start: number | bigint;
  readonly end: number | bigint; // inclusive
}

/** An ISA `-device` that has AML under the ISA/LPC bridge. */
export type IsaUserDevice = { readonly kind: 'pvpanic'; readonly port: number } | { readonly kind: 'tpm-tis' }
  | { readonly kind: 'isa-fdc'; readonly drives: readonly FloppyDriveType[] };

export interface DsdtInput {
  readonly board: 'pc' | 'q35';
  /** Possible CPUs (-smp maxcpus): one processor object each. */
  readonly cpus: number;
  /** Their APIC IDs in index order (default: the index). */
  readonly cpuApicIds?: readonly number[];
  /** Their NUMA nodes (_PXM) in index order (default 0). */
  readonly cpuNodes?: readonly number[];
  readonly hpet: boolean;
  /** COM1 at 0x3F8/IRQ 4. */
  readonly com1: boolean;
  /** The ISA serial ports present, by index (0: COM1 .. 3: COM4; default: COM1 as `com1` says). */
  readonly serialPorts?: readonly number[];
  /** pc has an ISA floppy controller even with -nodefaults. */
  readonly floppy: boolean;
  /** QEMU's default drive A on that controller (pc without -nodefaults). */
  readonly floppyDrive?: boolean;
  /** The drive types of units 0 and 1 ('none': no drive); when given, they replace `floppyDrive`. */
  readonly floppyDrives?: readonly FloppyDriveType[];
  /** QEMU's default isa-parallel LPT1 (without -nodefaults). */
  readonly lpt1?: boolean;
  /** `-device tpm-tis`: its MMIO block in PCI0._CRS and the TPM2 table (the device itself is in isaUserDevices). */
  readonly tpmTis?: boolean | undefined;
  /** ISA devices from `-device`, in command-line order (PEVT, TPM under the ISA bridge). */
  readonly isaUserDevices?: readonly IsaUserDevice[] | undefined;
  readonly rootBus: AcpiPciBus;
  /** PCI expander bridges (\_SB.PCxx), newest first; their ranges are left out of PCI0._CRS. */
  readonly expanders?: readonly AcpiExpander[] | undefined;
  /** 32-bit PCI memory hole (start .. 0xFEBFFFFF). */
  readonly pciHole32: AddressRange;
  readonly pciHole64?: AddressRange | undefined;
  /** q35 MMCONFIG window once PCIEXBAR is enabled. */
  readonly mmcfg?: { readonly base: number; readonly size: number } | undefined;
  readonly gpe0Base: number;
  readonly gpe0Length: number;
  readonly pciHotplugBase: number;
  readonly pciHotplugLength: number;
  readonly cpuHotplugBase: number;
  /** DIMM slots (`-m ...,slots=N`): the memory hot-plug AML; 0 = none. */
  readonly memorySlots?: number;
  /** NUMA is on (explicitly, or automatically with memory hot-plug): CPUs get _PXM. */
  readonly numa?: boolean;
  /** S3/S4 offered (\_S3/\_S4 present): false with -global PIIX4_PM/ICH9-LPC.disable_s3/s4. Default true. */
  readonly s3?: boolean;
  readonly s4?: boolean;
  /** fw_cfg has DMA (the FWCF _CRS covers the DMA ports). Default true. */
  readonly fwCfgDma?: boolean;
  /** `-machine nvdimm=on`: \_GPE._E04 notifies \_SB.NVDR. */
  readonly nvdimm?: boolean;
}
