import type { PciFunctionSpec } from './pci-function.js';
import type { ConfigSpace } from './config-space.js';
import type { PciBus } from './pci-bus.js';
import type { MemoryTarget } from '../bus/memory-target.js';
import { addExpress, addMsi, addMsix, addPm, addShpc, addSlotRegisters, addSsvid } from './capabilities.js';
import { pcieSlotAfterWrite, pcieSlotBeforeWrite } from './pcie-slot.js';
import { Shpc } from './shpc.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import {
  PCI_CAP_ID_SATA, PCI_CLASS_DISPLAY_OTHER, PCI_CLASS_DISPLAY_VGA, PCI_CLASS_MEMORY_RAM, PCI_CLASS_NETWORK_ETHERNET,
  PCI_CLASS_SERIAL_USB, PCI_CLASS_STORAGE_SATA, PCI_DEVICE_ID_IVSHMEM, PCI_DEVICE_ID_QEMU_VGA, PCI_EXP_TYPE_ENDPOINT,
  PCI_EXP_TYPE_RC_END, PCI_STATUS_DEVSEL_MEDIUM, PCI_STATUS_FAST_BACK, PCI_VENDOR_ID_INTEL, PCI_VENDOR_ID_QEMU,
  PCI_VENDOR_ID_REDHAT, PCI_VENDOR_ID_REDHAT_QUMRANET, PCI_LATENCY_TIMER, PCI_CAPABILITY_LIST, PCI_CLASS_BRIDGE_PCI,
  PCI_STATUS_66MHZ, PCI_SEC_STATUS, PCI_EXP_TYPE_PCI_BRIDGE, PCI_EXP_DEVCAP2, PCI_EXP_TYPE_UPSTREAM, PCI_EXP_TYPE_DOWNSTREAM,
  PCI_EXP_FLAGS, PCI_EXP_FLAGS_SLOT, PCI_EXP_DEVCAP, PCI_EXP_LNKCAP, PCI_EXP_SLTCAP, PCI_EXP_SLTCAP_PSN_SHIFT,
  PCI_BRIDGE_CONTROL, PCI_EXP_DEVCTL, PCI_EXP_DEVCTL2, PCI_MIN_GNT, PCI_MAX_LAT,
} from '../../spec/pci.js';
import { KiB, MiB } from '../../lib/size.js';

/**
 * The rest of QEMU 7.2's x86 device catalog as firmware and OS see it (issue 14 item 4):
 * ids, class, revision, BARs, capabilities and power-on registers, checked against captures
 * in test/fixtures/qemu-7.2/catalog/. Registers beyond enumeration are inert.
 */

/** Option ROM BAR sizes: Debian's efi-*.rom are 256 KiB; vgabios-*.bin 64 KiB; vgabios-bochs-display.bin 32 KiB. */
export const ROM = { efi: 256 * KiB, vgabios: 64 * KiB, bochsDisplay: 32 * KiB } as const;

/** A PCIe function on a root complex bus is a Root Complex Integrated Endpoint (PCIe 4.0 §7.5.3.2). */
export function endpointType(bus: PciBus): number {
  return bus.express && bus.isRoot ? PCI_EXP_TYPE_RC_END : PCI_EXP_TYPE_ENDPOINT;
}

/** Hybrid devices (xhci, bochs-display, vmxnet3...) are PCIe only on a PCIe bus. */
function expressCap(bus: PciBus, cfg: ConfigSpace, at: number): void {
  if (bus.express) addExpress(cfg, at, endpointType(bus), { version: 2 });
}

function regs(cfg: ConfigSpace, values: ReadonlyArray<readonly [number, number, number]>): void {
  for (const [offset, length, value] of values) cfg.set(offset, length, value);
}

// --- USB ---------------------------------------------------------------------------------

/** UHCI: SBRN (0x60) = USB 1.0, USBLEGSUP (0xc0) PIRQ enable... QEMU sets 0x6a = 1 (its "USB release" byte). */
const UHCI_REGS = [[0x60, 1, 0x10], [0x6a, 1, 0x01]] as const;

/** `hotpluggable`: false for ICH9's companions (QEMU marks them so). */
export function uhciModel(name: string, device: number, revision: number, pin: number, hotpluggable = true): PciFunctionSpec {
  return {
    name, vendor: PCI_VENDOR_ID_INTEL, device, revision, classCode: PCI_CLASS_SERIAL_USB, interruptPin: pin, hotpluggable,
    bars: [{ index: 4, kind: 'io', size: 32 }],
    setup: (cfg) => regs(cfg, UHCI_REGS),
  };
}

/** EHCI: SBRN = USB 2.0, FLADJ = 0x20, the legacy-support extended capability at 0x68. */
const EHCI_REGS = [[0x60, 1, 0x20], [0x61, 1, 0x20], [0x68, 4, 0x00000001], [0x6c, 4, 0xc0000000]] as const;

export function ehciModel(name: string, device: number, revision: number, hotpluggable = true): PciFunctionSpec {
  return {
    name, vendor: PCI_VENDOR_ID_INTEL, device, revision, classCode: PCI_CLASS_SERIAL_USB, progIf: 0x20, interruptPin: 4, hotpluggable,
    bars: [{ index: 0, kind: 'mem', size: 4 * KiB }],
    setup: (cfg) => regs(cfg, EHCI_REGS),
  };
}

export interface XhciOptions {
  readonly name: string;
  readonly vendor: number;
  readonly device: number;
  readonly revision: number;
  readonly msi: boolean;
  readonly msix: boolean;
}

/** xHCI: 16 KiB 64-bit BAR0, SBRN = USB 3.0, MSI (16 vectors), MSI-X (16 in BAR0), PCIe on a PCIe bus. */
export function xhciModel(o: XhciOptions): (bus: PciBus) => PciFunctionSpec {
  return (bus) => ({
    name: o.name, vendor: o.vendor, device: o.device, revision: o.revision, classCode: PCI_CLASS_SERIAL_USB, progIf: 0x30,
    interruptPin: 1, express: bus.express,
    bars: [{ index: 0, kind: 'mem', size: 16 * KiB, is64: true }],
    setup: (cfg) => {
      cfg.set(0x60, 1, 0x30);
      if (o.msi) addMsi(cfg, 0x70, false, 4);
      expressCap(bus, cfg, 0xa0);
      if (o.msix) addMsix(cfg, 0x90, 16, 0, 0x3000, 0x3800);
    },
  });
}

// --- audio, watchdog, test devices ---------------------------------------------------------

export function intelHdaModel(name: string, device: number, revision: number): PciFunctionSpec {
  return {
    name, vendor: PCI_VENDOR_ID_INTEL, device, revision, classCode: 0x0403, interruptPin: 1,
    bars: [{ index: 0, kind: 'mem', size: 16 * KiB }],
    setup: (cfg) => {
      // HDA's TCSEL/"misc" byte QEMU initialises (intel-hda.c: pci_config[0x40] = 0x01).
      cfg.set(0x40, 1, 0x01);
      addMsi(cfg, 0x60, false);
    },
  };
}

export function ac97Model(): PciFunctionSpec {
  return {
    name: 'AC97', vendor: PCI_VENDOR_ID_INTEL, device: 0x2415, revision: 0x01, classCode: 0x0401, interruptPin: 1,
    status: PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK,
    bars: [{ index: 0, kind: 'io', size: 1024 }, { index: 1, kind: 'io', size: 256 }],
  };
}

const PCI_STATUS_DEVSEL_SLOW = 0x0400;

export function es1370Model(): PciFunctionSpec {
  return {
    name: 'ES1370', vendor: 0x1274, device: 0x5000, classCode: 0x0401, interruptPin: 1, subsystemVendor: 0x4942, subsystem: 0x4c4c,
    status: PCI_STATUS_DEVSEL_SLOW, bars: [{ index: 0, kind: 'io', size: 256 }],
    setup: (cfg) => regs(cfg, [[PCI_MIN_GNT, 1, 0x0c], [PCI_MAX_LAT, 1, 0x80]]),
  };
}

export function i6300esbModel(): PciFunctionSpec {
  return { name: 'i6300esb', vendor: PCI_VENDOR_ID_INTEL, device: 0x25ab, classCode: 0x0880, bars: [{ index: 0, kind: 'mem', size: 16 }] };
}

/** pvpanic-pci: one 2-byte MMIO BAR (QEMU registers it with its real size). */
export function pvpanicPciModel(): PciFunctionSpec {
  return { name: 'pvpanic-pci', vendor: PCI_VENDOR_ID_REDHAT, device: 0x0011, revision: 1, classCode: 0x0880, bars: [{ index: 0, kind: 'mem', size: 2 }] };
}

/** QEMU's edu: BAR0 (1 MiB) decodes to `registers` (src/machine/devices/edu.ts) when given; MSI with one vector. */
export function eduModel(registers?: MemoryTarget): PciFunctionSpec {
  return {
    name: 'edu', vendor: PCI_VENDOR_ID_QEMU, device: 0x11e8, revision: 0x10, classCode: 0x00ff, interruptPin: 1,
    bars: [{ index: 0, kind: 'mem', size: 1 * MiB, ...(registers ? { memory: registers } : {}) }],
    setup: (cfg) => void addMsi(cfg, 0x40, false),
  };
}

export function pciTestdevModel(): PciFunctionSpec {
  return {
    name: 'pci-testdev', vendor: PCI_VENDOR_ID_REDHAT, device: 0x0005, classCode: 0x00ff,
    bars: [{ index: 0, kind: 'mem', size: 4 * KiB }, { index: 1, kind: 'io', size: 256 }],
  };
}

/** ivshmem-doorbell: registers, MSI-X (BAR1) and the server's shared memory (BAR2). */
export function ivshmemDoorbellModel(shared: MemoryTarget, vectors: number): PciFunctionSpec {
  return {
    name: 'ivshmem-doorbell', vendor: PCI_VENDOR_ID_REDHAT_QUMRANET, device: PCI_DEVICE_ID_IVSHMEM, revision: 1,
    classCode: PCI_CLASS_MEMORY_RAM,
    bars: [
      { index: 0, kind: 'mem', size: 256 }, { index: 1, kind: 'mem', size: 4 * KiB },
      { index: 2, kind: 'mem', size: shared.size, is64: true, prefetch: true, memory: shared },
    ],
    setup: (cfg) => void addMsix(cfg, 0x40, vectors, 1, 0, 0x800),
  };
}

// --- network -------------------------------------------------------------------------------

export function rtl8139Model(): PciFunctionSpec {
  return {
    name: 'rtl8139', vendor: 0x10ec, device: 0x8139, revision: 0x20, classCode: PCI_CLASS_NETWORK_ETHERNET, interruptPin: 1,
    romSize: ROM.efi, bars: [{ index: 0, kind: 'io', size: 256 }, { index: 1, kind: 'mem', size: 256 }],
    // rtl8139.c points the capability list at 0xdc (its PM registers) without the status bit.
    setup: (cfg) => cfg.set(PCI_CAPABILITY_LIST, 1, 0xdc),
  };
}

export function ne2kPciModel(): PciFunctionSpec {
  return {
    name: 'ne2k_pci', vendor: 0x10ec, device: 0x8029, classCode: PCI_CLASS_NETWORK_ETHERNET, interruptPin: 1,
    romSize: ROM.efi, bars: [{ index: 0, kind: 'io', size: 256 }],
  };
}

export function pcnetModel(): PciFunctionSpec {
  return {
    name: 'pcnet', vendor: 0x1022, device: 0x2000, revision: 0x10, classCode: PCI_CLASS_NETWORK_ETHERNET, interruptPin: 1,
    subsystemVendor: 0, subsystem: 0, status: PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK, romSize: ROM.efi,
    bars: [{ index: 0, kind: 'io', size: 32 }, { index: 1, kind: 'mem', size: 32 }],
    setup: (cfg) => regs(cfg, [[PCI_MIN_GNT, 1, 0x06], [PCI_MAX_LAT, 1, 0xff]]),
  };
}

/** PCIe Device Serial Number extended capability (PCIe 4.0 §7.9.3). */
function addDsn(cfg: ConfigSpace, serial: Uint8Array): void {
  const o = cfg.addExtCapability(PCI_EXT_CAP_ID_DSN, 1, 12);
  cfg.bytes.set(serial, o + 4);
}

const PCI_EXT_CAP_ID_ERR = 0x0001;
const PCI_EXT_CAP_ID_DSN = 0x0003;

/** AER (v2) with QEMU's reset severities and masks, as its PCIe functions other than root ports show it. */
function addEndpointAer(cfg: ConfigSpace): void {
  const aer = cfg.addExtCapability(PCI_EXT_CAP_ID_ERR, 2, 0x40);
  cfg.set(aer + 0x0c, 4, 0x00462030);
  cfg.set(aer + 0x14, 4, 0x0000e000);
  cfg.set(aer + 0x18, 4, 0x000000a0);
}

/** vmxnet3: DSN bytes fe, MAC[3..5], MAC[0..2], ff (vmxnet3.c's serial from the MAC). */
export function vmxnet3Model(mac: Uint8Array): (bus: PciBus) => PciFunctionSpec {
  return (bus) => ({
    name: 'vmxnet3', vendor: 0x15ad, device: 0x07b0, revision: 1, classCode: PCI_CLASS_NETWORK_ETHERNET, interruptPin: 1,
    subsystemVendor: 0x15ad, subsystem: 0x07b0, express: bus.express, romSize: ROM.efi,
    bars: [{ index: 0, kind: 'mem', size: 4 * KiB }, { index: 1, kind: 'mem', size: 4 * KiB }, { index: 2, kind: 'mem', size: 8 * KiB }],
    setup: (cfg) => {
      addMsi(cfg, 0x84, false);
      addMsix(cfg, 0x9c, 25, 2, 0, 0x1000);
      if (bus.express) {
        addExpress(cfg, 0x48, endpointType(bus), { version: 2 });
        addDsn(cfg, Uint8Array.of(0xfe, mac[3]!, mac[4]!, mac[5]!, mac[0]!, mac[1]!, mac[2]!, 0xff));
      }
    },
  });
}

/** e1000e's AER and DSN (serial: MAC[5..3], ff, ff, MAC[2..0]) behind its PCIe capability. */
export function e1000eExtCaps(cfg: ConfigSpace, mac: Uint8Array): void {
  addEndpointAer(cfg);
  addDsn(cfg, Uint8Array.of(mac[5]!, mac[4]!, mac[3]!, 0xff, 0xff, mac[2]!, mac[1]!, mac[0]!));
}

// --- storage -------------------------------------------------------------------------------

export function lsi53c895aModel(): PciFunctionSpec {
  return {
    name: 'lsi53c895a', vendor: 0x1000, device: 0x0012, classCode: 0x0100, interruptPin: 1, subsystemVendor: 0, subsystem: 0x1000,
    bars: [{ index: 0, kind: 'io', size: 256 }, { index: 1, kind: 'mem', size: 1 * KiB }, { index: 2, kind: 'mem', size: 8 * KiB }],
    setup: (cfg) => cfg.set(PCI_LATENCY_TIMER, 1, 0xff),
  };
}

export function megasasModel(): PciFunctionSpec {
  return {
    name: 'megasas', vendor: 0x1000, device: 0x0060, classCode: 0x0104, interruptPin: 1, subsystemVendor: 0x1000, subsystem: 0x1013,
    bars: [
      { index: 0, kind: 'mem', size: 16 * KiB, is64: true }, { index: 2, kind: 'io', size: 256 },
      { index: 3, kind: 'mem', size: 256 * KiB, is64: true },
    ],
    setup: (cfg) => {
      addMsi(cfg, 0x50, false);
      addMsix(cfg, 0x68, 15, 0, 0x2000, 0x3800);
    },
  };
}

// --- display -------------------------------------------------------------------------------

/** bochs-display: the stdvga framebuffer and MMIO without VGA class or legacy ranges. */
export function bochsDisplayModel(framebuffer: MemoryTarget): (bus: PciBus) => PciFunctionSpec {
  return (bus) => ({
    name: 'bochs-display', vendor: PCI_VENDOR_ID_QEMU, device: PCI_DEVICE_ID_QEMU_VGA, revision: 0x02, classCode: PCI_CLASS_DISPLAY_OTHER,
    express: bus.express, romSize: ROM.bochsDisplay,
    bars: [{ index: 0, kind: 'mem', size: framebuffer.size, prefetch: true, memory: framebuffer }, { index: 2, kind: 'mem', size: 4 * KiB }],
    setup: (cfg) => expressCap(bus, cfg, 0x80),
  });
}

export function cirrusVgaModel(framebuffer: MemoryTarget): PciFunctionSpec {
  return {
    name: 'cirrus-vga', vendor: 0x1013, device: 0x00b8, classCode: PCI_CLASS_DISPLAY_VGA, hotpluggable: false, romSize: ROM.vgabios,
    bars: [{ index: 0, kind: 'mem', size: framebuffer.size, prefetch: true, memory: framebuffer }, { index: 1, kind: 'mem', size: 4 * KiB }],
  };
}

/** qxl-vga: VRAM (BAR0), surface RAM (BAR1), the QXL ROM (BAR2), I/O (BAR3). */
export function qxlVgaModel(ram: MemoryTarget, vram: MemoryTarget): PciFunctionSpec {
  return {
    name: 'qxl-vga', vendor: PCI_VENDOR_ID_REDHAT, device: 0x0100, revision: 0x05, classCode: PCI_CLASS_DISPLAY_VGA, interruptPin: 1,
    hotpluggable: false, romSize: ROM.vgabios,
    bars: [
      { index: 0, kind: 'mem', size: ram.size, memory: ram }, { index: 1, kind: 'mem', size: vram.size, memory: vram },
      { index: 2, kind: 'mem', size: 8 * KiB }, { index: 3, kind: 'io', size: 32 },
    ],
  };
}

// --- topology ------------------------------------------------------------------------------

/** A PCIe bridge's Device Capabilities 2: completion timeout ranges, ARI forwarding. */
const EXP_BRIDGE_DEVCAP2 = 0x00300020;

/** pcie-pci-bridge (1b36:000e): a PCIe-to-PCI bridge with SHPC, PM, maskable MSI and AER. */
export function pciePciBridgeModel(msi: boolean, memory?: PhysicalMemory): PciFunctionSpec {
  const shpc = new Shpc(256, memory);
  return {
    name: 'pcie-pci-bridge', vendor: PCI_VENDOR_ID_REDHAT, device: 0x000e, classCode: PCI_CLASS_BRIDGE_PCI, headerType: 1,
    interruptPin: 1, express: true, status: PCI_STATUS_66MHZ | PCI_STATUS_FAST_BACK, nativeHotplug: true,
    bars: [{ index: 0, kind: 'mem', size: 256, is64: true, memory: shpc.window }],
    afterWrite: (_fn, offset, length) => shpc.configWritten(offset, length),
    afterReset: () => shpc.reset(),
    setup: (cfg, fn) => {
      shpc.attach(fn);
      cfg.set(PCI_SEC_STATUS, 2, PCI_STATUS_66MHZ | PCI_STATUS_FAST_BACK);
      addShpc(cfg, 0x40);
      const p = addExpress(cfg, 0x48, PCI_EXP_TYPE_PCI_BRIDGE, { version: 2 });
      cfg.set(p + PCI_EXP_DEVCAP2, 4, EXP_BRIDGE_DEVCAP2);
      cfg.setMask(p + PCI_EXP_DEVCTL, 2, 0x000f);
      cfg.setMask(p + PCI_EXP_DEVCTL2, 2, 0x8020);
      addPm(cfg, 0x84, 0x0003, 0, 0);
      if (msi) addMsi(cfg, 0x8c, true);
      addEndpointAer(cfg);
    },
  };
}

const PCI_VENDOR_ID_TI = 0x104c;
/** PCIe ports narrow bridge control to parity, SERR, ISA, VGA, VGA16 and secondary bus reset. */
const PCIE_PORT_BRIDGE_CONTROL_WMASK = 0x005f;
/** What QEMU's xio3130 ports report: Device Capabilities (FLR, RBER) and Link Capabilities of the downstream ports. */
const XIO3130_DEVCAP_FLR_RBER = 0x10008000;
const XIO3130_DOWNSTREAM_LNKCAP = 0x00000400;
const XIO3130_SLTCAP = 0x0002007b;

/** AER (v2) of a switch port: the root port's reset values. */
function addPortAer(cfg: ConfigSpace): void {
  const aer = cfg.addExtCapability(PCI_EXT_CAP_ID_ERR, 2, 0x48);
  cfg.set(aer + 0x0c, 4, 0x00462030);
  cfg.set(aer + 0x14, 4, 0x0000e000);
  cfg.set(aer + 0x18, 4, 0x000002a0);
}

/** x3130-upstream (104c:8232): a switch's upstream port; its secondary bus takes xio3130-downstream ports. */
export function x3130UpstreamModel(): PciFunctionSpec {
  return {
    name: 'x3130-upstream', vendor: PCI_VENDOR_ID_TI, device: 0x8232, revision: 0x02, classCode: PCI_CLASS_BRIDGE_PCI, headerType: 1,
    express: true,
    setup: (cfg) => {
      cfg.setMask(PCI_BRIDGE_CONTROL, 2, PCIE_PORT_BRIDGE_CONTROL_WMASK);
      addMsi(cfg, 0x70, false);
      addSsvid(cfg, 0x80, 0, 0);
      const p = addExpress(cfg, 0x90, PCI_EXP_TYPE_UPSTREAM, { version: 2 });
      cfg.set(p + PCI_EXP_DEVCAP, 4, XIO3130_DEVCAP_FLR_RBER);
      addPortAer(cfg);
    },
  };
}

/** xio3130-downstream (104c:8233): a switch's downstream port, one hot-plug slot (`chassis`, `slot`). */
export function xio3130DownstreamModel(port: number, slot: number): PciFunctionSpec {
  return {
    name: 'xio3130-downstream', vendor: PCI_VENDOR_ID_TI, device: 0x8233, revision: 0x01, classCode: PCI_CLASS_BRIDGE_PCI, headerType: 1,
    express: true, nativeHotplug: true,
    beforeWrite: pcieSlotBeforeWrite,
    afterWrite: pcieSlotAfterWrite,
    setup: (cfg) => {
      cfg.setMask(PCI_BRIDGE_CONTROL, 2, PCIE_PORT_BRIDGE_CONTROL_WMASK);
      addMsi(cfg, 0x70, false);
      addSsvid(cfg, 0x80, 0, 0);
      const p = addExpress(cfg, 0x90, PCI_EXP_TYPE_DOWNSTREAM, { version: 2 });
      cfg.set(p + PCI_EXP_FLAGS, 2, cfg.get(p + PCI_EXP_FLAGS, 2) | PCI_EXP_FLAGS_SLOT);
      cfg.set(p + PCI_EXP_DEVCAP, 4, XIO3130_DEVCAP_FLR_RBER);
      cfg.set(p + PCI_EXP_LNKCAP, 4, ((port << 24) | XIO3130_DOWNSTREAM_LNKCAP) >>> 0);
      cfg.set(p + PCI_EXP_SLTCAP, 4, ((slot << PCI_EXP_SLTCAP_PSN_SHIFT) | XIO3130_SLTCAP) >>> 0);
      cfg.set(p + PCI_EXP_DEVCAP2, 4, EXP_BRIDGE_DEVCAP2);
      cfg.setMask(p + PCI_EXP_DEVCTL2, 2, 0x8020);
      addSlotRegisters(cfg, p);
      addPortAer(cfg);
    },
  };
}
