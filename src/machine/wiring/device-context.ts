import type { AhciHba } from '../devices/ahci/ahci-hba.js';
import type { PiixBusMaster } from '../devices/ide-bmdma.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { PortBus } from '../bus/port-bus.js';
import type { RamBlock } from '../bus/ram-block.js';
import type { FwCfgDevice } from '../fw-cfg/fw-cfg-device.js';
import type { RamLayout } from '../boards/ram-layout.js';
import type { MachineConfig } from '../options/machine-config.js';
import type { PciSubsystem } from '../pci/pci-subsystem.js';
import type { Vmgenid } from '../vmgenid/vmgenid.js';
import type { VmgenidPci } from '../vmgenid/vmgenid-pci.js';
import type { Nvdimm } from '../nvdimm/nvdimm.js';
import type { DeviceInfo } from './platform.js';
import type { PamController } from '../boards/pam.js';
import type { Snapshottable } from '../snapshot/part-state.js';
import type { VirtualClock } from '../clock.js';

/** One interrupt input a device drives (level-triggered; an ISA IRQ / GSI today). */
export interface IrqLine {
  set(asserted: boolean): void;
}

/** The ACPI hooks a device holds: raise a GPE0 status bit (which raises the SCI when enabled). */
export interface AcpiEventHooks {
  raiseGpe(bit: number): void;
}

/**
 * The devices other parts look up by kind (the ACPI build, the monitor, the NVDIMM DSM port).
 * Owned by the DeviceManager; a driver records what it created here.
 */
export interface AttachedDevices {
  vmgenid: Vmgenid | undefined;
  /** `-device vmgenid-pci` (the v19 design). */
  vmgenidPci: VmgenidPci | undefined;
  readonly nvdimms: Nvdimm[];
}

/**
 * What a `-device` driver gets: its buses, its interrupt line, fw_cfg, the ACPI event
 * hooks, the config it reads properties from, and where to record itself. Not the machine.
 */
export interface DeviceContext {
  readonly config: MachineConfig;
  readonly ramLayout: RamLayout;
  readonly memory: PhysicalMemory;
  readonly ports: PortBus;
  /** The machine's virtual clock (device timers). */
  readonly clock: VirtualClock;
  /** The interrupt input `gsi` (the board routes it: today straight to the CPU core's lines). */
  irqLine(gsi: number): IrqLine;
  readonly fwCfg: FwCfgDevice;
  readonly acpi: AcpiEventHooks;
  readonly attached: AttachedDevices;
  /** The RAM of a `-object memory-backend-*` (one block per backend, shared by its users). */
  memoryBackend(id: string): RamBlock;
  onReset(handler: () => void): void;
  addDevice(info: DeviceInfo): void;
  addReportSection(name: string, collect: () => unknown): void;
  /** Register the device's snapshot state (decision 0022) under a unique section name. */
  addState(name: string, part: Snapshottable): void;
}

/** A PCI driver's context: the device context plus the PCI subsystem it plugs into. */
export interface PciDeviceContext extends DeviceContext {
  readonly pci: PciSubsystem;
}

/** What the chipset's PCI functions drive on the board: the PAM registers and the PM block's base. */
export interface ChipsetContext {
  readonly pam: PamController;
  setPmBase(base: number | undefined): void;
  /** A PCI interrupt router's output: GSI `gsi` (0-15 also the 8259's IRQ) as the OR of the PIRQs driving it. */
  pciIrq(gsi: number, level: boolean): void;
  /** q35: the ICH9 SATA function's HBA with the `-drive if=ide` disks (src/machine/wiring/ide-disks.ts). */
  readonly sata?: AhciHba;
  /** pc: the PIIX IDE channels' bus master (BAR4 of 00:01.1). */
  readonly ideBusMaster?: PiixBusMaster;
}
