import type { PciFunctionSpec } from './pci-function.js';
import { StdVga } from '../devices/vga/std-vga.js';
import type { EdidInfo } from '../devices/vga/edid.js';
import type { VgaContext } from '../devices/vga/std-vga.js';
import type { ConfigSpace } from './config-space.js';
import type { PciBus } from './pci-bus.js';
import type { MemoryTarget } from '../bus/memory-target.js';
import { RamWindow } from '../bus/memory-target.js';
import { RamBlock } from '../bus/ram-block.js';
import {
  addExpress, addMsi, addMsix, addPm, addResourceReserve, addRootPortExtCaps, addShpc, addSlotId, addSsvid, addVirtioCaps,
} from './capabilities.js';
import type { ResourceReserve } from './capabilities.js';
import {
  PCI_CLASS_BRIDGE_PCI, PCI_CLASS_DISPLAY_OTHER, PCI_CLASS_DISPLAY_VGA, PCI_CLASS_MEMORY_RAM,
  PCI_CLASS_NETWORK_ETHERNET, PCI_CLASS_STORAGE_EXPRESS, PCI_DEVICE_ID_IVSHMEM, PCI_DEVICE_ID_QEMU_VGA,
  PCI_DEVICE_ID_REDHAT_BRIDGE, PCI_DEVICE_ID_REDHAT_NVME, PCI_DEVICE_ID_REDHAT_PCIE_RP,
  PCI_DEVICE_ID_VIRTIO_MODERN_BASE, PCI_DEVICE_ID_VIRTIO_NET_TRANSITIONAL, PCI_EXP_TYPE_ENDPOINT,
  PCI_EXP_TYPE_ROOT_PORT, PCI_VENDOR_ID_INTEL, PCI_VENDOR_ID_QEMU, PCI_VENDOR_ID_REDHAT,
  PCI_VENDOR_ID_REDHAT_QUMRANET, PCI_SUBVENDOR_ID_REDHAT_QUMRANET, VIRTIO_ID_GPU, VIRTIO_ID_NET, PCI_STATUS_66MHZ,
  PCI_STATUS_FAST_BACK, PCI_SEC_STATUS, PCI_IO_BASE, PCI_MEMORY_BASE, PCI_PREF_MEMORY_BASE, PCI_BRIDGE_CONTROL, PCI_EXP_SLTCAP,
} from '../../spec/pci.js';
import { KiB, MiB } from '../../lib/size.js';
import { e1000eExtCaps, endpointType } from './models-catalog.js';
import { pcieSlotAfterWrite, pcieSlotBeforeWrite } from './pcie-slot.js';
import { MsixTable } from './msix.js';
import { Shpc } from './shpc.js';
import type { PciFunction } from './pci-function.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';

/**
 * QEMU 7.2's PCI device models as fwlab builds them: ids, class, BARs (type/size),
 * ROM BAR size (the option ROM Debian's QEMU ships, rounded to a power of two) and
 * capabilities. Only the configuration side is modelled; BAR contents are inert
 * except where noted (RAM BARs).
 */

/** Option ROM BAR sizes: efi-e1000.rom, efi-e1000e.rom, efi-virtio.rom → 256 KiB; vgabios-stdvga.bin → 64 KiB. */
export const ROM_SIZE = { e1000: 256 * KiB, e1000e: 256 * KiB, virtioNet: 256 * KiB, stdvga: 64 * KiB } as const;

/** A PCI Express endpoint when plugged behind a PCIe port (not on a root bus), as QEMU's virtio does. */
function expressBehindPort(bus: PciBus): boolean {
  return bus.express && !bus.isRoot;
}

export interface PciBridgeOptions {
  readonly chassisNr: number;
  readonly shpc: boolean;
  readonly msi: boolean;
  readonly reserve: ResourceReserve | undefined;
  /** Where the SHPC's MSI messages go. */
  readonly memory?: PhysicalMemory;
}

/** The SHPC BAR: its register set rounded up to a power of two. */
const SHPC_BAR_SIZE = 256;

export function pciBridgeModel(o: PciBridgeOptions): PciFunctionSpec {
  const shpc = o.shpc ? new Shpc(SHPC_BAR_SIZE, o.memory) : undefined;
  return {
    name: 'pci-bridge', vendor: PCI_VENDOR_ID_REDHAT, device: PCI_DEVICE_ID_REDHAT_BRIDGE, classCode: PCI_CLASS_BRIDGE_PCI,
    headerType: 1, interruptPin: o.shpc ? 1 : 0, status: PCI_STATUS_66MHZ | PCI_STATUS_FAST_BACK, nativeHotplug: o.shpc,
    bars: shpc ? [{ index: 0, kind: 'mem', size: SHPC_BAR_SIZE, is64: true, memory: shpc.window }] : [],
    ...(shpc ? {
      afterWrite: (_fn: PciFunction, offset: number, length: number) => shpc.configWritten(offset, length),
      afterReset: () => shpc.reset(),
    } : {}),
    setup: (cfg, fn) => {
      shpc?.attach(fn);
      cfg.set(PCI_SEC_STATUS, 2, PCI_STATUS_66MHZ | PCI_STATUS_FAST_BACK);
      // SHPC first at 0x40; the others take the next free offset, as QEMU's pci_add_capability(0) does.
      if (o.shpc) addShpc(cfg, 0x40);
      addSlotId(cfg, undefined, o.chassisNr);
      if (o.shpc && o.msi) addMsi(cfg, undefined, true);
      if (o.reserve) addResourceReserve(cfg, undefined, o.reserve);
    },
  };
}

export interface RootPortOptions {
  readonly chassis: number;
  readonly slot: number;
  readonly port: number;
  readonly reserve: ResourceReserve | undefined;
  /** `hotplug=off`: no hot-plug capability in the slot and no ACPI hot-plug on its bus. */
  readonly hotplug: boolean;
  /** Where the MSI-X messages go (none: the table keeps its registers, nothing is sent). */
  readonly memory?: PhysicalMemory;
}

/** Slot Capabilities bits hotplug=off clears: Hot-Plug Surprise and Hot-Plug Capable. */
const PCI_EXP_SLTCAP_HPS_HPC = 0x0060;

/** PCIe ports narrow bridge control to parity, SERR, ISA, VGA, VGA16 and secondary bus reset. */
const ROOT_PORT_BRIDGE_CONTROL_WMASK = 0x005f;

/** The root port's one MSI-X vector: table at BAR0 + 0, PBA at + 0x800, in a 4 KiB BAR. */
const ROOT_PORT_MSIX_PBA = 0x800;

export function pcieRootPortModel(o: RootPortOptions): PciFunctionSpec {
  const msix = new MsixTable(1, 0, ROOT_PORT_MSIX_PBA, o.memory, 4 * KiB);
  return {
    name: 'pcie-root-port', vendor: PCI_VENDOR_ID_REDHAT, device: PCI_DEVICE_ID_REDHAT_PCIE_RP, classCode: PCI_CLASS_BRIDGE_PCI,
    headerType: 1, interruptPin: 1, express: true, slotHotplug: o.hotplug, nativeHotplug: true,
    bars: [{ index: 0, kind: 'mem', size: 4 * KiB, memory: msix.window }],
    beforeWrite: pcieSlotBeforeWrite,
    afterWrite: (fn, offset, length, value) => {
      pcieSlotAfterWrite(fn, offset, length, value);
      msix.maskChanged();
    },
    afterReset: () => msix.reset(),
    setup: (cfg, fn) => {
      msix.attach(fn);
      cfg.setMask(PCI_BRIDGE_CONTROL, 2, ROOT_PORT_BRIDGE_CONTROL_WMASK);
      // A root port resets its windows closed (base above limit), unlike pci-bridge.
      cfg.set(PCI_IO_BASE, 1, 0xf0);
      cfg.set(PCI_MEMORY_BASE, 2, 0xfff0);
      cfg.set(PCI_PREF_MEMORY_BASE, 2, 0xfff1);
      addSsvid(cfg, 0x40, PCI_VENDOR_ID_REDHAT, 0);
      addMsix(cfg, 0x48, 1, 0, 0, ROOT_PORT_MSIX_PBA);
      const exp = addExpress(cfg, 0x54, PCI_EXP_TYPE_ROOT_PORT, { version: 2, port: { slot: o.slot, portNumber: o.port } });
      if (!o.hotplug) cfg.set(exp + PCI_EXP_SLTCAP, 4, (cfg.get(exp + PCI_EXP_SLTCAP, 4) & ~PCI_EXP_SLTCAP_HPS_HPC) >>> 0);
      if (o.reserve) addResourceReserve(cfg, 0x90, o.reserve);
      addRootPortExtCaps(cfg);
    },
  };
}

export function e1000Model(): PciFunctionSpec {
  return {
    name: 'e1000', vendor: PCI_VENDOR_ID_INTEL, device: 0x100e, revision: 0x03, classCode: PCI_CLASS_NETWORK_ETHERNET,
    interruptPin: 1, romSize: ROM_SIZE.e1000,
    bars: [{ index: 0, kind: 'mem', size: 128 * KiB }, { index: 1, kind: 'io', size: 64 }],
  };
}

/** e1000e lets software set PME enable and data select besides the power state. */
const E1000E_PMCSR_WMASK = 0x1f03;

/** The first default MAC (QEMU's 52:54:00:12:34:56), the board's own NIC's. */
export const DEFAULT_NIC_MAC = Uint8Array.of(0x52, 0x54, 0x00, 0x12, 0x34, 0x56);

/** q35's default NIC; PCIe (a Root Complex Integrated Endpoint on pcie.0), serial number from its MAC. */
export function e1000eModel(mac: Uint8Array): (bus: PciBus) => PciFunctionSpec {
  return (bus) => ({
    name: 'e1000e', vendor: PCI_VENDOR_ID_INTEL, device: 0x10d3, classCode: PCI_CLASS_NETWORK_ETHERNET,
    subsystemVendor: PCI_VENDOR_ID_INTEL, subsystem: 0, interruptPin: 1, romSize: ROM_SIZE.e1000e, express: true,
    bars: [
      { index: 0, kind: 'mem', size: 128 * KiB }, { index: 1, kind: 'mem', size: 128 * KiB },
      { index: 2, kind: 'io', size: 32 }, { index: 3, kind: 'mem', size: 16 * KiB },
    ],
    setup: (cfg) => {
      addMsix(cfg, 0xa0, 5, 3, 0, 0x2000);
      addExpress(cfg, 0xe0, endpointType(bus), { version: 1 });
      addMsi(cfg, 0xd0, false);
      addPm(cfg, 0xc8, 0x0022, 0, E1000E_PMCSR_WMASK);
      e1000eExtCaps(cfg, mac);
    },
  });
}

const NVME_PMCSR_NO_SOFT_RESET = 0x0008;

export function nvmeModel(): (bus: PciBus) => PciFunctionSpec {
  return (bus) => ({
    name: 'nvme', vendor: PCI_VENDOR_ID_REDHAT, device: PCI_DEVICE_ID_REDHAT_NVME, revision: 0x02,
    classCode: PCI_CLASS_STORAGE_EXPRESS, progIf: 0x02, interruptPin: 1, express: true,
    bars: [{ index: 0, kind: 'mem', size: 16 * KiB, is64: true }],
    setup: (cfg) => {
      addPm(cfg, 0x60, 0x0003, NVME_PMCSR_NO_SOFT_RESET);
      addExpress(cfg, 0x80, endpointType(bus), { version: 2, flr: true });
      addMsix(cfg, 0x40, 65, 0, 0x2000, 0x3000);
    },
  });
}

/** ivshmem-plain: BAR0 registers, BAR2 the shared memory (64-bit prefetchable, the memdev's size). */
export function ivshmemPlainModel(shared: MemoryTarget): PciFunctionSpec {
  return {
    name: 'ivshmem-plain', vendor: PCI_VENDOR_ID_REDHAT_QUMRANET, device: PCI_DEVICE_ID_IVSHMEM, revision: 1,
    classCode: PCI_CLASS_MEMORY_RAM,
    bars: [{ index: 0, kind: 'mem', size: 256 }, { index: 2, kind: 'mem', size: shared.size, is64: true, prefetch: true, memory: shared }],
  };
}

/** Standard VGA (-vga std / -device VGA): BAR0 framebuffer (prefetchable), BAR2 MMIO registers. */
export function stdVgaModel(framebuffer: MemoryTarget, rom: boolean, vga?: StdVga): PciFunctionSpec {
  return {
    name: 'VGA', vendor: PCI_VENDOR_ID_QEMU, device: PCI_DEVICE_ID_QEMU_VGA, revision: 0x02, classCode: PCI_CLASS_DISPLAY_VGA,
    hotpluggable: false, vgaAml: true,
    ...(rom ? { romSize: ROM_SIZE.stdvga } : {}),
    bars: [
      { index: 0, kind: 'mem', size: framebuffer.size, prefetch: true, memory: framebuffer },
      { index: 2, kind: 'mem', size: 4 * KiB, ...(vga ? { memory: vga.mmio } : {}) },
    ],
    ...(vga ? { ownsLegacyVga: true } : {}),
  };
}

/**
 * The v19 (2016, never merged) PCI VM Generation ID device: class 0x0500 (Windows binds no
 * driver), one 4 KiB prefetchable BAR holding the GUID. Its device id is a property because
 * released QEMU gave 1b36:0009 to the PCI expander bridge.
 */
export function vmgenidPciModel(deviceId: number, buffer: MemoryTarget): PciFunctionSpec {
  return {
    name: 'vmgenid-pci', vendor: PCI_VENDOR_ID_REDHAT, device: deviceId, classCode: PCI_CLASS_MEMORY_RAM,
    bars: [{ index: 0, kind: 'mem', size: buffer.size, is64: true, prefetch: true, memory: buffer }],
  };
}

export const VMGENID_PCI_BAR_SIZE = 4 * KiB;

/**
 * QEMU's std VGA with `vgamem_mb` of video memory (rounded up to a power of two, 1–512 MiB, like QEMU):
 * the PCI function and the VGA behind it (registers, planar memory, VBE, MMIO BAR; devices/vga/).
 */
export function stdVgaFor(ctx: VgaContext, vgamemMb: number, rom: boolean, edid: EdidInfo | null = {}): { readonly spec: PciFunctionSpec; readonly vga: StdVga } {
  let mb = 1;
  while (mb < Math.min(Math.max(vgamemMb, 1), 512)) mb *= 2;
  const fb = new RamBlock('vga.vram', mb * MiB);
  const vga = new StdVga(ctx, fb, edid);
  return { spec: stdVgaModel(new RamWindow(fb, 0, fb.size), rom, vga), vga };
}
